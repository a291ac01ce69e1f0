package com.fashionos.budget;

import com.fashionos.platform.health.Launcher;

/** Runs budget-service, configured from the environment; the modes are {@link Launcher}'s. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Launcher.run("budget-service", args, env -> new BudgetServiceVerticle(BudgetServiceConfig.fromEnv(env)));
  }
}
