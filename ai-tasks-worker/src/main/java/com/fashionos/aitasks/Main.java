package com.fashionos.aitasks;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.config.ServiceConfig;
import com.fashionos.platform.health.Launcher;

/** Runs ai-tasks-worker alone, configured from the environment (GEMINI_API_KEY optional). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Env env = Env.system();
    ServiceConfig config = ServiceConfig.fromEnv(env);
    Launcher.launch("ai-tasks-worker", config.port(),
        new AiTasksWorkerVerticle(config, GeminiConfig.fromEnv(env).map(GeminiPlanner::new)));
  }
}
