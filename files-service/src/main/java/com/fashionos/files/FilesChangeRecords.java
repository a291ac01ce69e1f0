package com.fashionos.files;

import com.fashionos.platform.change.ResourceChange;

/**
 * files-service's public change records on {@code fashionos.files.v1} (version 2,
 * {@link ResourceChange}): each resource as its REST GET answers it, built by the same query, but
 * without the download link: a link is signed per request, for the caller's origin and with an
 * expiry, and a record is read later and by others (they ask GET for a link of their own).
 * docs/change-records.md and docs/asyncapi.yaml describe them.
 */
public final class FilesChangeRecords {
  /** A file, as {@code GET /api/v1/events/{eventId}/files/{fileId}} answers it in {@code file}, without its link. */
  public static final ResourceChange.Kind FILE = new ResourceChange.Kind("files", "file");
  /** A contract, as {@code GET /api/v1/events/{eventId}/contracts/{contractId}} answers it in {@code contract}, without links. */
  public static final ResourceChange.Kind CONTRACT = new ResourceChange.Kind("files", "contract");

  private FilesChangeRecords() {}
}
