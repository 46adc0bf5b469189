package org.sarnakh.cli;

/** {@code java -jar sarnakh.jar <verb> …}: the same verbs as {@code ./sarnakh}; no verb means serve. */
public final class Sarnakh {

  private Sarnakh() {}

  public static void main(String[] args) {
    int code = SarnakhCommand.run(args);
    if (code != SarnakhCommand.KEEP_RUNNING) {
      System.exit(code);
    }
  }
}
