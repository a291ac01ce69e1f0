package com.fashionos.files;

import com.fashionos.platform.config.Env;
import com.fashionos.platform.health.Launcher;

/** Runs files-service alone, configured from the environment. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    FilesServiceConfig config = FilesServiceConfig.fromEnv(Env.system());
    Launcher.launch("files-service", config.service().port(), new FilesServiceVerticle(config));
  }
}
