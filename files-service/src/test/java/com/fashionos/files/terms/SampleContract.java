package com.fashionos.files.terms;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * A sponsorship contract made as a PDF for tests, with known terms on known pages: Chanel S.A. ("Sponsor") and
 * FashionOS Events, Inc. ("Organizer"); page 1: signed March 1, 2027, the term from 2027-09-10 to 15 September 2027, a
 * $150,000.00 fee; page 2: payment in installments, net 30, due 2027-06-01, travel up to EUR 12.500,00, and the
 * exclusivity, cancellation and termination clauses; page 3: the signatures.
 */
public final class SampleContract {
  public static final String SPONSOR = "Chanel S.A.";
  public static final String ORGANIZER = "FashionOS Events, Inc.";

  private static final float MARGIN = 72;
  private static final float WIDTH = PDRectangle.LETTER.getWidth() - 2 * MARGIN;
  private static final float SIZE = 10.5f;
  private static final float LEADING = 14;
  private static final PDType1Font TEXT = new PDType1Font(FontName.HELVETICA);
  private static final PDType1Font BOLD = new PDType1Font(FontName.HELVETICA_BOLD);

  private static final List<List<String>> CONTRACT = List.of(
      List.of(
          "# SPONSORSHIP AGREEMENT",
          "Agreement No. 2027-014",
          "This Sponsorship Agreement (the “Agreement”) is made by and between " + SPONSOR + ", a société"
              + " anonyme having its registered office at 135 avenue Charles de Gaulle, 92200 Neuilly-sur-Seine, France"
              + " (“Sponsor”), and " + ORGANIZER + ", a Delaware corporation with offices at 200 Fifth Avenue,"
              + " New York, NY 10010 (the “Organizer”).",
          "The Agreement is signed on March 1, 2027 by the authorized representatives of both parties.",
          "# 1. Definitions",
          "“Event” means the Paris Fashion Week Showcase 2027 produced by the Organizer at Hall 3 of the Carrousel"
              + " du Louvre. “Fee” has the meaning given in Section 3, and payment of the Fee follows Section 4.2.",
          "# 2. Term",
          "The Term commences on 2027-09-10 and ends on 15 September 2027.",
          "# 3. Sponsorship Fee",
          "In consideration of the sponsorship rights, Sponsor shall pay Organizer a sponsorship fee of $150,000.00"
              + " (the “Fee”). The Organizer will display the Sponsor's logo on 12 screens and 4 banners of 3 by 6"
              + " meters.",
          "Questions about invoices go to Marie Dupont, +33 1 44 50 70 00, Hall 3, Stand 12."),
      List.of(
          "# 4. Payment Terms",
          "4.1 The Fee is payable in two installments of equal amount.",
          "4.2 Each invoice shall be paid within 30 days of receipt (net 30), and the first installment is due on"
              + " 2027-06-01.",
          "4.3 Sponsor shall reimburse the travel expenses of the design team up to EUR 12.500,00 against receipts.",
          "# 5. Exclusivity",
          "During the Term, Organizer grants Sponsor exclusive rights as the sole luxury fashion house sponsoring the"
              + " Event, and shall not accept sponsorship from any competing fashion house.",
          "# 6. Cancellation",
          "If the Event is cancelled by Organizer for any reason other than force majeure, Organizer shall refund the"
              + " Fee in full within 15 days.",
          "# 7. Termination",
          "Either party may terminate this Agreement with immediate effect by written notice if the other party commits"
              + " a material breach and fails to remedy it within 20 days of being notified of it.",
          "# 8. Governing Law",
          "This Agreement is governed by the laws of France, and the courts of Paris have sole jurisdiction."),
      List.of(
          "IN WITNESS WHEREOF, the parties have executed this Agreement as of the date first written above.",
          "Sponsor: " + SPONSOR,
          "By: Bruno Pavlovsky, President of Fashion",
          "Organizer: " + ORGANIZER,
          "By: Jordan Lee, Chief Executive Officer",
          "Date signed: 03/01/2027"));

  private SampleContract() {}

  /** The contract, three pages. */
  public static byte[] pdf() {
    return pdf(0);
  }

  /**
   * The contract, padded to at least {@code targetBytes} (and within a few kilobytes of it) by a fourth page holding a
   * scanned floor plan: an image of noise, which no compression can shrink.
   */
  public static byte[] pdf(int targetBytes) {
    try (PDDocument document = document(CONTRACT)) {
      byte[] plain = save(document);
      if (plain.length >= targetBytes) return plain;
      PDPage page = page(document, List.of("# Appendix A – Venue floor plan (scan)"));
      int pixels = (targetBytes - plain.length) / 3; // three bytes a pixel
      int width = 1000;
      BufferedImage scan = new BufferedImage(width, Math.max(1, pixels / width + 1), BufferedImage.TYPE_INT_RGB);
      Random noise = new Random(6);
      for (int y = 0; y < scan.getHeight(); y++) {
        for (int x = 0; x < width; x++) scan.setRGB(x, y, noise.nextInt(0x1000000));
      }
      PDImageXObject image = LosslessFactory.createFromImage(document, scan);
      try (PDPageContentStream content = new PDPageContentStream(document, page, PDPageContentStream.AppendMode.APPEND,
          true)) {
        float height = Math.min(540, WIDTH * scan.getHeight() / width);
        content.drawImage(image, MARGIN, 700 - height - LEADING, WIDTH, height);
      }
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A PDF of the given pages, each a list of paragraphs; a paragraph starting with "# " is a heading. Paragraphs are
   * wrapped to the page's width; a page that does not fit fails the test.
   */
  public static byte[] pdf(List<List<String>> pages) {
    try (PDDocument document = document(pages)) {
      return save(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PDDocument document(List<List<String>> pages) throws IOException {
    PDDocument document = new PDDocument();
    for (List<String> paragraphs : pages) page(document, paragraphs);
    return document;
  }

  private static PDPage page(PDDocument document, List<String> paragraphs) throws IOException {
    PDPage page = new PDPage(PDRectangle.LETTER);
    document.addPage(page);
    try (PDPageContentStream content = new PDPageContentStream(document, page)) {
      content.beginText();
      content.newLineAtOffset(MARGIN, page.getMediaBox().getHeight() - MARGIN);
      float used = 0;
      for (String paragraph : paragraphs) {
        boolean heading = paragraph.startsWith("# ");
        PDType1Font font = heading ? BOLD : TEXT;
        content.setFont(font, SIZE);
        for (String line : wrap(heading ? paragraph.substring(2) : paragraph, font)) {
          content.showText(line);
          content.newLineAtOffset(0, -LEADING);
          used += LEADING;
        }
        content.newLineAtOffset(0, -LEADING / 2); // a gap between paragraphs
        used += LEADING / 2;
      }
      content.endText();
      if (used > page.getMediaBox().getHeight() - 2 * MARGIN) throw new IllegalArgumentException("page too long");
    }
    return page;
  }

  private static List<String> wrap(String paragraph, PDType1Font font) throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : paragraph.split(" ")) {
      String longer = line.isEmpty() ? word : line + " " + word;
      if (!line.isEmpty() && font.getStringWidth(longer) / 1000 * SIZE > WIDTH) {
        lines.add(line.toString());
        line.setLength(0);
        line.append(word);
      } else {
        line.setLength(0);
        line.append(longer);
      }
    }
    lines.add(line.toString());
    return lines;
  }

  private static byte[] save(PDDocument document) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    document.save(bytes);
    return bytes.toByteArray();
  }
}
