package com.fashionos.budget;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Launcher;

/** Runs budget-service alone, configured from the environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    BudgetServiceConfig config = BudgetServiceConfig.fromEnv(Env.system());
    Launcher.launch("budget-service", config.service().port(), new BudgetServiceVerticle(config));
  }
}
