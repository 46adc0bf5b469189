package org.sarnakh.cli;

import java.util.concurrent.Callable;
import org.sarnakh.identity.Credentials;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.platform.InvalidInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apikeys", description = "Manage API keys.", subcommands = ApiKeysCommand.Create.class)
class ApiKeysCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "create", description = "Create an API key for a user; the key is printed once.")
  static class Create implements Callable<Integer> {

    @Option(names = "--user", required = true, description = "The user's email.")
    String user;

    @Option(names = "--name", required = true, description = "What the key is for.")
    String name;

    @Option(names = "--read-only", description = "Grant the read scope only.")
    boolean readOnly;

    @Override
    public Integer call() {
      try (var ctx = SarnakhCommand.offline()) {
        var owner = ctx.getBean(UserDirectory.class).list().stream()
            .filter(u -> u.email().equalsIgnoreCase(user.strip())).findFirst();
        if (owner.isEmpty()) {
          System.err.println("no user with email " + user);
          return 1;
        }
        var issued = ctx.getBean(Credentials.class).createApiKey(owner.get().id(), name,
            readOnly ? java.util.List.of("read") : null);
        System.out.println(issued.secret());
        return 0;
      } catch (InvalidInput e) {
        e.problems().forEach(p -> System.err.println(p.field() + ": " + p.message()));
        return 1;
      }
    }
  }
}
