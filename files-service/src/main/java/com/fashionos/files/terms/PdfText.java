package com.fashionos.files.terms;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** The text of a PDF, page by page, with Apache PDFBox. */
public final class PdfText {
  /**
   * The most pages read. The terms of a contract are in its first pages; schedules and annexes beyond this are
   * left unread so a huge upload cannot hold a worker for long.
   */
  public static final int MAX_PAGES = 200;

  private PdfText() {}

  /**
   * The text of each page, the first page first, up to {@link #MAX_PAGES}. A page with no text (a scan) is an empty
   * string. The stream is read to its end but not closed.
   *
   * @throws IOException when the stream itself fails
   * @throws UnreadablePdfException when the bytes are not a PDF we can read
   */
  public static List<String> pages(InputStream pdf) throws IOException, UnreadablePdfException {
    return pages(pdf.readAllBytes());
  }

  public static List<String> pages(byte[] pdf) throws UnreadablePdfException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setLineSeparator("\n");
      int count = Math.min(document.getNumberOfPages(), MAX_PAGES);
      List<String> pages = new ArrayList<>(count);
      for (int page = 1; page <= count; page++) {
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        pages.add(stripper.getText(document));
      }
      return pages;
    } catch (InvalidPasswordException e) {
      throw new UnreadablePdfException("the PDF is password-protected", e);
    } catch (IOException | RuntimeException e) {
      // PDFBox reports broken input with runtime exceptions too; for the caller both mean "cannot read this file".
      throw new UnreadablePdfException("not a readable PDF: " + e.getMessage(), e);
    }
  }
}
