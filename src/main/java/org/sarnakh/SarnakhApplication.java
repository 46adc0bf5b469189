package org.sarnakh;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The application; the command line ({@code org.sarnakh.cli.Sarnakh}) starts it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SarnakhApplication {

  public static void main(String[] args) {
    SpringApplication.run(SarnakhApplication.class, args);
  }
}
