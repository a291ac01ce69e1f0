package com.fashionos.files;

import com.fashionos.platform.health.Launcher;

/** Runs files-service, configured from the environment; the modes are {@link Launcher}'s. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Launcher.run("files-service", args, env -> new FilesServiceVerticle(FilesServiceConfig.fromEnv(env)));
  }
}
