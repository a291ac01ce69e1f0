package com.fashionos.aitasks;

import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.health.Launcher;

/** Runs ai-tasks-worker (GEMINI_API_KEY optional), configured from the environment; the modes are {@link Launcher}'s. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Launcher.run("ai-tasks-worker", args, env -> new AiTasksWorkerVerticle(ServiceConfig.fromEnv(env),
        GeminiConfig.fromEnv(env).map(GeminiPlanner::new)));
  }
}
