package org.sarnakh.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * A test against the whole application over real HTTP on a random port, on the database chosen
 * for this JVM (H2 or a fresh PostgreSQL database). Name such classes {@code *IT}: Maven runs
 * them once per database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(DatabaseExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"sarnakh.admin.password=" + TestUsers.ADMIN_PASSWORD, "sarnakh.jobs.poll=100ms",
        // Digests go out when a test asks (PriorityDigestIT), not at a real morning in the middle of other tests.
        "sarnakh.notify.digest-poll=1000d"})
@Import(TestConfig.class)
public @interface IntegrationTest {}
