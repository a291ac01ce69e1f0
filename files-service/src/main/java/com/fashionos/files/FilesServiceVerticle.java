package com.fashionos.files;

import com.fashionos.files.contract.ContractRoutes;
import com.fashionos.files.contract.KeyTermsWorker;
import com.fashionos.files.file.FileDownloads;
import com.fashionos.files.file.FileLinks;
import com.fashionos.files.file.FileRoutes;
import com.fashionos.files.storage.ObjectStore;
import com.fashionos.files.upload.StorageUse;
import com.fashionos.files.upload.UploadHandler;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.auth.TokenVerifier;
import com.fashionos.platform.change.Topics;
import com.fashionos.platform.db.ServiceSchema;
import com.fashionos.platform.health.ServiceVerticle;
import com.fashionos.platform.membership.EventMembershipReadModel;
import com.fashionos.platform.membership.Membership;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;

/**
 * files-service: uploads into the buckets of spec section 7, links to them, contracts and their
 * key terms (schema {@code files}, topic {@code fashionos.files.v1}). Ready once the buckets exist.
 */
public final class FilesServiceVerticle extends ServiceVerticle {
  public static final ServiceSchema SCHEMA = new ServiceSchema("files", Topics.FILES).withMembershipReadModel();
  private final FilesServiceConfig filesConfig;
  private KeyTermsWorker terms;

  public FilesServiceVerticle(FilesServiceConfig config) {
    super(config.service());
    this.filesConfig = config;
  }

  @Override
  protected ServiceSchema schema() {
    return SCHEMA;
  }

  /** Uploads stream: the bucket's own limit applies, not the 1 MiB body limit. */
  @Override
  protected boolean streamed(RoutingContext ctx) {
    return ctx.request().method() == HttpMethod.POST && ctx.normalizedPath().matches("/api/v1/events/[^/]+/files");
  }

  @Override
  protected Future<?> startParts(Router router, TokenVerifier verifier) {
    ObjectStore store = new ObjectStore(vertx, filesConfig.s3(), filesConfig.uploads().writerThreads());
    FileLinks links = new FileLinks(filesConfig.links());
    StorageUse storageUse = new StorageUse(filesConfig.quotaBytes());
    Membership membership = new Membership(database, WebClient.create(vertx), filesConfig.eventsServiceUrl());
    UploadHandler uploads = new UploadHandler(vertx, database, store, links, storageUse, filesConfig.uploads());
    terms = new KeyTermsWorker(vertx, database, store);
    // Paused before authentication: no byte of an upload is read before its checks pass.
    router.post(UploadHandler.PATH).handler(uploads::holdBody);
    router.route("/api/*").handler(new Authentication(verifier));
    router.route("/api/v1/events/:eventId/*").handler(membership::ensureKnown);
    router.post(UploadHandler.PATH).handler(uploads::handle);
    new FileRoutes(database, store, links, storageUse).mount(router);
    new FileDownloads(vertx, database, store, links).mount(router);
    new ContractRoutes(database, links, terms).mount(router);
    return store.ensureBuckets()
        .compose(v -> deployConsumer(new EventMembershipReadModel(config.kafka(), database, "files-service")))
        .onSuccess(id -> terms.start());
  }

  @Override
  public Future<?> stop() {
    if (terms != null) terms.stop();
    return super.stop();
  }
}
