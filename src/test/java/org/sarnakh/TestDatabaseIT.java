package org.sarnakh;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Guards the test setup itself: the integration tests run on the database chosen for this run (a
 * bean touching the data source too early would leave them on the embedded development database),
 * and problems written by filters look like every other problem.
 */
@IntegrationTest
class TestDatabaseIT {

  @Autowired
  DataSource dataSource;

  @LocalServerPort
  int port;

  @Test
  void theApplicationUsesTheDatabaseOfThisTestRun() throws Exception {
    String expected = TestDatabase.url();
    try (Connection c = dataSource.getConnection()) {
      String actual = c.getMetaData().getURL();
      assertThat(actual).startsWith(expected.contains("?") ? expected.substring(0, expected.indexOf('?')) : expected
          .substring(0, expected.indexOf(';')));
    }
  }

  @Test
  void aProblemWrittenByAFilterHasNoEmptyMembers() {
    var r = new Api(port).get("/api/v1/me", null);

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("status").asInt()).isEqualTo(401);
    assertThat(r.json().get("type").asString()).endsWith("/unauthorized");
    assertThat(r.body()).doesNotContain("null").doesNotContain("\"properties\"");
  }
}
