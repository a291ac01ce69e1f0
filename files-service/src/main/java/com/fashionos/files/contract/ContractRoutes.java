package com.fashionos.files.contract;

import com.fashionos.files.FilesChangeRecords;
import com.fashionos.files.file.FileLinks;
import com.fashionos.files.file.FileRepository;
import com.fashionos.platform.auth.Authentication;
import com.fashionos.platform.change.Operation;
import com.fashionos.platform.db.Database;
import com.fashionos.platform.db.Mutation;
import com.fashionos.platform.db.Transaction;
import com.fashionos.platform.http.ApiException;
import com.fashionos.platform.http.ApiException.FieldIssue;
import com.fashionos.platform.http.ApiResponse;
import com.fashionos.platform.http.QueryParams;
import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/events/{eventId}/contracts}: read by members who read documents (edit, admin,
 * the lead), written by the lead. A contract with a PDF gets its key terms extracted after the
 * answer ({@link KeyTermsWorker}); they arrive as a change record.
 */
public final class ContractRoutes {
  private static final String TABLE = "contracts";
  private final Database database;
  private final FileLinks links;
  private final KeyTermsWorker terms;
  private final ContractRepository contracts = new ContractRepository();
  private final FileRepository files = new FileRepository();

  public ContractRoutes(Database database, FileLinks links, KeyTermsWorker terms) {
    this.database = database;
    this.links = links;
    this.terms = terms;
  }

  public void mount(Router router) {
    router.get("/api/v1/events/:eventId/contracts").handler(this::list);
    router.post("/api/v1/events/:eventId/contracts").handler(this::create);
    router.get("/api/v1/events/:eventId/contracts/:contractId").handler(this::detail);
    router.put("/api/v1/events/:eventId/contracts/:contractId").handler(this::update);
    router.delete("/api/v1/events/:eventId/contracts/:contractId").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    QueryParams.accept(ctx, "status");
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    ContractStatus status = QueryParams.enumValue(ctx, "status", ContractStatus.class);
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> readable(conn, eventId)
        .compose(v -> contracts.list(conn, eventId, status)))
        .map(found -> ApiResponse.ok(new JsonObject().put("total", found.size()).put("contracts",
            new JsonArray(found.stream().map(each -> view(ctx, each)).toList())))));
  }

  private void detail(RoutingContext ctx) {
    QueryParams.accept(ctx);
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID contractId = QueryParams.pathUuid(ctx, "contractId");
    Responses.reply(ctx, database.read(Authentication.principal(ctx), conn -> contracts.find(conn, eventId, contractId))
        .map(found -> {
          if (found == null) throw ApiException.notFound("Contract");
          return ApiResponse.ok(new JsonObject().put("contract", view(ctx, found)));
        }));
  }

  private void create(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    RequestBody body = RequestBody.of(ctx);
    Map<String, Object> contract = ContractRequests.newContract(body);
    String fileField = ContractRequests.fileField(body);
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> lead(tx, eventId)
        .compose(v -> termsFor(tx.sql(), eventId, contract, fileField))
        .compose(termsStatus -> contracts.insert(tx.sql(), eventId, contract, termsStatus))
        .compose(id -> contracts.find(tx.sql(), eventId, id))
        .compose(found -> tx.publishRowChange(eventId, TABLE, Operation.INSERT, found.row(), null)
            .compose(v -> tx.publishResourceChange(eventId, FilesChangeRecords.CONTRACT, found.resource(), null, false))
            .map(v -> {
              JsonObject view = view(ctx, found);
              ctx.addEndHandler(done -> terms.wake());
              return ApiResponse.created(new JsonObject().put("contract_id", view.getString("id"))
                  .put("success", true).put("contract", view));
            }))));
  }

  /** Status moves one step of the contract's life at a time (422 otherwise); a new file re-extracts the terms. */
  private void update(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID contractId = QueryParams.pathUuid(ctx, "contractId");
    RequestBody body = RequestBody.of(ctx);
    Map<String, Object> changes = ContractRequests.changes(body);
    String fileField = ContractRequests.fileField(body);
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> lead(tx, eventId)
        .compose(v -> contracts.lock(tx.sql(), eventId, contractId))
        .compose(current -> current == null ? Future.<ContractRepository.Found>succeededFuture()
            : contracts.find(tx.sql(), eventId, contractId))
        .compose(before -> {
          if (before == null) throw ApiException.notFound("Contract");
          JsonObject current = before.row();
          if (changes.get("status") instanceof ContractStatus next) {
            ContractStatus now = RequestBody.parseEnum(ContractStatus.class, current.getString("status"));
            if (next != now && !now.next().contains(next)) {
              throw ApiException.unprocessable("invalid_transition", "A " + RequestBody.wireName(now) + " contract cannot become "
                  + RequestBody.wireName(next), List.of(new FieldIssue("status", "can go from " + RequestBody.wireName(now)
                  + " to " + (now.next().isEmpty() ? "nothing (it has ended)"
                  : String.join(" or ", now.next().stream().map(RequestBody::wireName).toList())))));
            }
          }
          checkDates(current, changes);
          Future<String> termsStatus = changes.containsKey("file_id") ? termsFor(tx.sql(), eventId, changes, fileField)
              : Future.succeededFuture(null);
          return termsStatus.compose(restart -> contracts.update(tx.sql(), contractId, changes, restart))
              .compose(v -> contracts.find(tx.sql(), eventId, contractId))
              .compose(found -> tx.publishRowChange(eventId, TABLE, Operation.UPDATE, found.row(), current)
                  .compose(v -> tx.publishResourceChange(eventId, FilesChangeRecords.CONTRACT, found.resource(),
                      before.resource(), false))
                  .map(v -> view(ctx, found)))
              .map(view -> {
                if (changes.containsKey("file_id")) ctx.addEndHandler(done -> terms.wake());
                return ApiResponse.ok(new JsonObject().put("success", true).put("contract", view));
              });
        })));
  }

  private void delete(RoutingContext ctx) {
    UUID eventId = QueryParams.pathUuid(ctx, "eventId");
    UUID contractId = QueryParams.pathUuid(ctx, "contractId");
    Responses.reply(ctx, database.write(Mutation.from(ctx), tx -> lead(tx, eventId)
        .compose(v -> contracts.find(tx.sql(), eventId, contractId))
        .compose(before -> {
          if (before == null) throw ApiException.notFound("Contract");
          return contracts.delete(tx.sql(), contractId)
              .compose(deleted -> {
                if (deleted == null) throw ApiException.notFound("Contract"); // deleted meanwhile
                return tx.publishRowChange(eventId, TABLE, Operation.DELETE, null, deleted);
              })
              .compose(v -> tx.publishResourceChange(eventId, FilesChangeRecords.CONTRACT, null, before.resource(), false))
              .map(v -> ApiResponse.ok(new JsonObject().put("success", true)));
        })));
  }

  /** A contract expires after it is signed, whichever of the two dates this change sets. */
  private static void checkDates(JsonObject current, Map<String, Object> changes) {
    OffsetDateTime signed = changes.containsKey("signed_date") ? (OffsetDateTime) changes.get("signed_date")
        : current.getString("signed_date") == null ? null : OffsetDateTime.parse(current.getString("signed_date"));
    OffsetDateTime expires = changes.containsKey("expiration_date")
        ? (OffsetDateTime) changes.get("expiration_date")
        : current.getString("expiration_date") == null ? null : OffsetDateTime.parse(current.getString("expiration_date"));
    if (signed != null && expires != null && expires.isBefore(signed)) {
      throw ApiException.invalidField(changes.containsKey("expiration_date") ? "expiration_date" : "signed_date",
          "the contract must not expire before it is signed");
    }
  }

  /** 404 for those who may not read the event's documents, 403 for readers who are not the lead. */
  private Future<Void> lead(Transaction tx, UUID eventId) {
    return files.rights(tx.sql(), eventId).map(rights -> {
      if (!rights.readsDocuments()) throw ApiException.notFound("Event");
      if (!rights.lead()) throw ApiException.forbidden("Only the event lead can change contracts");
      return null;
    });
  }

  private Future<Void> readable(SqlConnection conn, UUID eventId) {
    return files.rights(conn, eventId).map(rights -> {
      if (!rights.readsDocuments()) throw ApiException.notFound("Event");
      return null;
    });
  }

  /** The file must be one of the event's documents; a PDF's terms wait for extraction. */
  private Future<String> termsFor(SqlConnection conn, UUID eventId, Map<String, Object> contract, String fileField) {
    if (!(contract.get("file_id") instanceof UUID fileId)) return Future.succeededFuture("not_applicable");
    return contracts.documentType(conn, eventId, fileId).map(type -> {
      if (type == null) {
        throw ApiException.unprocessable("no_such_document", "The contract's file must be a document of this event",
            List.of(new FieldIssue(fileField, "is not a file in this event's event-documents")));
      }
      return "application/pdf".equals(type) ? "pending" : "not_applicable";
    });
  }

  /** The contract as answers show it: its resource, with its file's link on the caller's origin. */
  private JsonObject view(RoutingContext ctx, ContractRepository.Found found) {
    JsonObject contract = found.resource();
    if (found.file() == null) return contract.put("download_url", null);
    JsonObject file = links.view(found.file(), FileLinks.DEFAULT_EXPIRY, links.origin(ctx));
    return contract.put("file", file).put("download_url", file.getString("download_url"));
  }
}
