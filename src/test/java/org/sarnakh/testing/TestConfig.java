package org.sarnakh.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

@TestConfiguration(proxyBeanMethods = false)
public class TestConfig {

  @Bean
  @Primary
  MutableClock clock() {
    return new MutableClock();
  }

  @Bean
  DynamicPropertyRegistrar testDatabase() {
    return registry -> {
      registry.add("spring.datasource.url", TestDatabase::url);
      registry.add("spring.datasource.username", () -> TestDatabase.kind() == TestDatabase.Kind.H2 ? "sa" : TestDatabase.user());
      registry.add("spring.datasource.password", () -> "");
    };
  }

  @Bean
  TestUsers testUsers(org.sarnakh.identity.UserAdministration admin, org.sarnakh.identity.Credentials credentials,
      org.sarnakh.identity.UserDirectory directory) {
    return new TestUsers(admin, credentials, directory);
  }
}
