package com.fashionos.tasks;

import com.fashionos.platform.health.Launcher;

/** Runs tasks-service, configured from the environment; the modes are {@link Launcher}'s. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Launcher.run("tasks-service", args, env -> new TasksServiceVerticle(TasksServiceConfig.fromEnv(env)));
  }
}
