package org.sarnakh;

import org.sarnakh.cli.SarnakhCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SarnakhApplication {

  /** {@code java -jar sarnakh.jar <verb> …}: the same verbs as {@code ./sarnakh}; no verb means serve. */
  public static void main(String[] args) {
    int code = SarnakhCommand.run(args);
    if (code != SarnakhCommand.KEEP_RUNNING) {
      System.exit(code);
    }
  }
}
