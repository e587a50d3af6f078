package io.quarry.core.testing;

import io.quarry.core.document.Document;
import io.quarry.core.document.PublishDate;
import java.util.List;
import java.util.Map;

/** A tiny fixed corpus with dates, sources and facets, for end-to-end tests. */
public final class TestCorpus {

  private TestCorpus() {}

  public static List<Document> documents() {
    return List.of(
        doc("d1", "Aspirin and heart attacks",
            "Daily low-dose aspirin reduces the risk of a first heart attack in some adults. "
                + "Bleeding is the main side effect of aspirin therapy.",
            "journal", "2021-03-01", Map.of("lang", List.of("en"), "topic", List.of("cardiology"))),
        doc("d2", "Statins lower cholesterol",
            "Statins reduce LDL cholesterol and the risk of cardiovascular events. "
                + "Muscle pain is a reported side effect.",
            "journal", "2022-07-15", Map.of("lang", List.of("en"), "topic", List.of("cardiology"))),
        doc("d3", "Vitamin D and bone health",
            "Vitamin D helps the body absorb calcium, which keeps bones strong. "
                + "Deficiency can lead to rickets in children.",
            "news", "2023-01-10", Map.of("lang", List.of("en"), "topic", List.of("nutrition"))),
        doc("d4", "Exercise and sleep",
            "Regular exercise improves sleep quality and helps people fall asleep faster.",
            "news", null, Map.of("lang", List.of("en"))),
        doc("d5", "Aspirin in children",
            "Aspirin is not recommended for children because of the risk of Reye syndrome.",
            "news", "2023-06-20", Map.of("lang", List.of("de"), "topic", List.of("pediatrics"))));
  }

  private static Document doc(String id, String title, String text, String source, String date,
      Map<String, List<String>> facets) {
    return new Document(id, title, text, source, date == null ? null : PublishDate.parse(date),
        "https://example.org/" + id, facets);
  }
}
