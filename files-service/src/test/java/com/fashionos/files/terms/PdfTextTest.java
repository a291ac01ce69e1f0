package com.fashionos.files.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

class PdfTextTest {
  @Test
  void readsTheTextOfEachPage() throws Exception {
    List<String> pages = PdfText.pages(new ByteArrayInputStream(SampleContract.pdf()));

    assertThat(pages).hasSize(3);
    assertThat(pages.get(0)).contains("SPONSORSHIP AGREEMENT", "$150,000.00", "March 1, 2027");
    assertThat(pages.get(1)).contains("5. Exclusivity", "EUR 12.500,00").doesNotContain("SPONSORSHIP AGREEMENT");
    assertThat(pages.get(2)).contains("Sponsor: Chanel S.A.", "Date signed: 03/01/2027");
  }

  @Test
  void readsAtMostTwoHundredPages() throws Exception {
    List<List<String>> many = IntStream.rangeClosed(1, 205).mapToObj(n -> List.of("Schedule page " + n)).toList();

    List<String> pages = PdfText.pages(SampleContract.pdf(many));

    assertThat(pages).hasSize(PdfText.MAX_PAGES);
    assertThat(pages.get(199)).contains("Schedule page 200");
  }

  @Test
  void randomBytesAreUnreadable() {
    byte[] noise = new byte[4096];
    new Random(6).nextBytes(noise);

    assertThatThrownBy(() -> PdfText.pages(new ByteArrayInputStream(noise))).isInstanceOf(UnreadablePdfException.class);
    assertThatThrownBy(() -> PdfText.pages(new byte[0])).isInstanceOf(UnreadablePdfException.class);
  }

  @Test
  void aPasswordProtectedPdfIsUnreadable() throws Exception {
    byte[] locked;
    try (PDDocument document = Loader.loadPDF(SampleContract.pdf())) {
      var policy = new StandardProtectionPolicy("owner secret", "reader secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      locked = out.toByteArray();
    }

    assertThatThrownBy(() -> PdfText.pages(locked)).isInstanceOf(UnreadablePdfException.class)
        .hasMessageContaining("password");
  }
}
