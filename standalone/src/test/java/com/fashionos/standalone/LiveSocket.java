package com.fashionos.standalone;

import com.fashionos.embedded.TestApi;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** A WebSocket to the realtime gateway through the api-gateway, as a browser holds one. */
final class LiveSocket {
  private LiveSocket() {}

  /** Opens it with {@code token} in the upgrade's Authorization header; its messages go to {@code frames}. */
  static WebSocket open(TestApi api, String token, BlockingQueue<JsonObject> frames) throws Exception {
    return HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + token)
        .buildAsync(URI.create(api.baseUrl().replace("http", "ws") + "/realtime/v1"), new WebSocket.Listener() {
          private final StringBuilder text = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
              frames.add(new JsonObject(text.toString()));
              text.setLength(0);
            }
            ws.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
  }
}
