package com.fashionos.files.contract;

import com.fashionos.platform.http.RequestBody;
import com.fashionos.platform.http.Uuids;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and checks contract bodies; a bad field is a 400 naming it. */
final class ContractRequests {
  /** The fields a change may set, in the order of {@code update_contract}'s parameters. */
  static final List<String> UPDATABLE = List.of("contract_type", "party_name", "party_id", "status", "amount", "currency",
      "file_id", "signed_date", "expiration_date");

  static final String FILE_URL = "file_url";
  /**
   * The paths of our own links to a file (signed download, public file, the API's file, a presigned
   * object): the spec's frontend sends back the {@code download_url} it got, through whatever host.
   */
  private static final Pattern FILE_LINK = Pattern.compile("(?:^|/)(?:(?:storage/v1/files|public/v1/files"
      + "|api/v1/events/[^/]+/files)/([0-9a-fA-F-]{36})(?:/[^/]*)?"
      // A presigned link names the object: events/{eventId}/{kind}/{fileId}-{name}.
      + "|events/[0-9a-fA-F-]{36}/[a-z-]+/([0-9a-fA-F-]{36})-[^/]*)$");

  private ContractRequests() {}

  /** The field that named the contract's file, for an answer about that file. */
  static String fileField(RequestBody body) {
    return body.json().getValue(FILE_URL) != null ? FILE_URL : "file_id";
  }

  static Map<String, Object> newContract(RequestBody body) {
    Map<String, Object> contract = read(body, true);
    if (contract.get("status") instanceof ContractStatus status && !ContractStatus.INITIAL.contains(status)) {
      body.fail("status", "a new contract starts as draft, pending_review or pending_signature");
    }
    body.validate();
    return contract;
  }

  static Map<String, Object> changes(RequestBody body) {
    Map<String, Object> changes = read(body, false);
    if (changes.isEmpty() && !body.hasIssues()) body.fail("body", "must change at least one of " + UPDATABLE);
    body.validate();
    return changes;
  }

  private static Map<String, Object> read(RequestBody body, boolean creating) {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (creating || body.has("contract_type")) fields.put("contract_type", body.enumValue("contract_type", ContractType.class, true));
    if (creating || body.has("party_name")) fields.put("party_name", body.string("party_name", true, 200));
    if (body.has("party_id")) fields.put("party_id", body.uuid("party_id", false));
    if (body.has("status")) fields.put("status", body.enumValue("status", ContractStatus.class, true));
    if (body.has("amount")) fields.put("amount", body.decimal("amount", false, BigDecimal.ZERO, RequestBody.MAX_MONEY));
    if (body.has("currency")) fields.put("currency", body.currency("currency", true));
    if (body.has("file_id")) fields.put("file_id", body.uuid("file_id", false));
    if (body.has(FILE_URL)) {
      String url = body.string(FILE_URL, false, 2000);
      UUID linked = url == null ? null : fileOf(url);
      if (url != null && linked == null) {
        body.fail(FILE_URL, "must be a link to one of our files (a download_url, …/files/{fileId})");
      } else if (fields.containsKey("file_id") && !Objects.equals(fields.get("file_id"), linked)) {
        body.fail(FILE_URL, "names another file than file_id");
      } else {
        fields.put("file_id", linked);
      }
    }
    if (body.has("signed_date")) fields.put("signed_date", body.timestamp("signed_date", false));
    if (body.has("expiration_date")) fields.put("expiration_date", body.timestamp("expiration_date", false));
    if (fields.get("signed_date") instanceof OffsetDateTime signed && fields.get("expiration_date") instanceof OffsetDateTime ends
        && ends.isBefore(signed)) {
      body.fail("expiration_date", "must not be before signed_date");
    }
    return fields;
  }

  /** The file a link of ours names, or null when it is no such link. */
  static UUID fileOf(String url) {
    try {
      String path = new URI(url).getPath();
      Matcher matcher = path == null ? null : FILE_LINK.matcher(path);
      if (matcher == null || !matcher.find()) return null;
      return Uuids.parse(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
