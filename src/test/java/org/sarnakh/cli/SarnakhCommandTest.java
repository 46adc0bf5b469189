package org.sarnakh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SarnakhCommandTest {

  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  @BeforeEach
  void capture() {
    PrintStream p = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(p);
    System.setErr(p);
  }

  @AfterEach
  void restore() {
    System.setOut(out);
    System.setErr(err);
  }

  @Test
  void unknownVerbPrintsUsageAndExitsWithTwo() {
    assertThat(SarnakhCommand.run(new String[] {"frobnicate"})).isEqualTo(2);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("Unmatched argument").contains("Usage: sarnakh");
  }

  @Test
  void helpListsEveryVerb() {
    assertThat(SarnakhCommand.run(new String[] {"--help"})).isZero();
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("serve", "users", "apikeys", "import", "export", "demo-data", "bench");
  }

  @Test
  void unknownRoleIsRefusedBeforeAnythingStarts() {
    assertThat(SarnakhCommand.run(new String[] {"users", "create", "--email", "a@b.c", "--role", "KING"})).isEqualTo(2);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--role");
  }

  @Test
  void demoDataNeedsAPositiveCount() {
    assertThat(SarnakhCommand.run(new String[] {"demo-data", "--leads", "0"})).isEqualTo(2);
  }
}
