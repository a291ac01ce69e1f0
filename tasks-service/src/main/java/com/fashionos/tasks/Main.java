package com.fashionos.tasks;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Launcher;

/** Runs tasks-service alone, configured from the environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    TasksServiceConfig config = TasksServiceConfig.fromEnv(Env.system());
    Launcher.launch("tasks-service", config.service().port(), new TasksServiceVerticle(config));
  }
}
