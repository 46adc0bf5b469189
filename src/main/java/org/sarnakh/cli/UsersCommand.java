package org.sarnakh.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.DomainConflict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "users", description = "Manage users.", subcommands = UsersCommand.Create.class)
class UsersCommand implements Runnable {

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "create", description = "Create a user; the password is read from standard input.")
  static class Create implements Callable<Integer> {

    @Option(names = "--email", required = true)
    String email;

    @Option(names = "--name", description = "Display name (default: the part of the email before @).")
    String name;

    @Option(names = "--role", required = true, description = "ADMIN, MARKETING, SALES_MANAGER or SALES_REP.")
    Role role;

    @Option(names = "--password-stdin", description = "Read the password from standard input (else an invitation link is printed).")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      String password = null;
      if (passwordStdin) {
        password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      }
      try (var ctx = SarnakhCommand.offline()) {
        var created = ctx.getBean(UserAdministration.class).create(new UserAdministration.NewUser(email,
            name == null ? email.split("@")[0] : name, role, List.of(), password));
        System.out.println("created user " + created.user().id() + " <" + created.user().email() + "> " + role);
        if (created.invitationToken() != null) {
          System.out.println("invitation: " + ctx.getBean(org.sarnakh.platform.SarnakhSettings.class).publicUrl()
              + "/invite/" + created.invitationToken());
        }
        return 0;
      } catch (InvalidInput e) {
        e.problems().forEach(p -> System.err.println(p.field() + ": " + p.message()));
        return 1;
      } catch (DomainConflict e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }
}
