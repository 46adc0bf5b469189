package org.sarnakh.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.sarnakh.platform.Secrets;

/** On the first start of an empty database, creates the administrator; there is no default password. */
@Component
@Order(0)
class BootstrapAdministrator implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAdministrator.class);
  private final UserAdministration admin;
  private final String email;
  private final String password;

  BootstrapAdministrator(UserAdministration admin, @Value("${sarnakh.admin.email:admin@localhost}") String email,
      @Value("${sarnakh.admin.password:}") String password) {
    this.admin = admin;
    this.email = email;
    this.password = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    boolean generated = password.isBlank();
    String pw = generated ? Secrets.random(12) : password;
    if (admin.createFirstAdministrator(email, pw)) {
      if (generated) {
        log.warn("\n\n  Created administrator {} with password: {}\n  (shown once; set SARNAKH_ADMIN_PASSWORD to choose it)\n", email, pw);
      } else {
        log.info("Created administrator {}", email);
      }
    }
  }
}
