package com.fashionos.events;

import com.fashionos.embedded.TestEngines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** Base of the integration tests: one real events-service per test class. */
@ExtendWith(TestEngines.class)
abstract class EventsServiceTest {
  static EventsServiceUnderTest service;

  @BeforeAll
  static void startService(TestEngines.Stack stack) {
    service = new EventsServiceUnderTest(stack);
  }

  @AfterAll
  static void stopService() {
    service.close();
  }
}
