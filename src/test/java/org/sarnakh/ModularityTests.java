package org.sarnakh;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

  ApplicationModules modules = ApplicationModules.of(SarnakhApplication.class);

  @Test
  void respectsModuleBoundaries() {
    modules.verify();
  }
}
