package io.quarry.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Fixed English test texts of varied length, built deterministically. */
public final class TestTexts {

  private TestTexts() {}

  public static final List<String> SENTENCES = List.of(
      "Vitamin D deficiency is associated with an increased risk of respiratory infections in children.",
      "The randomized controlled trial enrolled 412 adults with type 2 diabetes across nine clinics.",
      "Mitochondrial dysfunction contributes to neuronal death in models of Parkinson's disease.",
      "Participants who received the vaccine showed a fourfold rise in neutralizing antibody titers.",
      "Gut microbiota composition differed significantly between obese and lean twins.",
      "Statin therapy lowered LDL cholesterol by 38 percent after twelve weeks of treatment.",
      "We observed no association between coffee consumption and all-cause mortality.",
      "Tumor-infiltrating lymphocytes predicted a better response to checkpoint inhibitors.",
      "The CRISPR screen identified three genes required for viral entry into epithelial cells.",
      "Sleep deprivation impaired working memory and increased cortisol levels in healthy volunteers.",
      "Regular aerobic exercise improved insulin sensitivity in older adults with prediabetes.",
      "The mouse model developed insulin resistance after eight weeks on a high-fat diet.",
      "Antibiotic exposure in infancy was linked to a higher incidence of childhood asthma.",
      "Smoking cessation reduced the risk of cardiovascular events within five years.",
      "Expression of the transcription factor was elevated in metastatic breast cancer samples.",
      "Hospital readmission rates fell after the introduction of a nurse-led discharge program.");

  /** Short queries of about 8-15 words. */
  public static final List<String> QUERIES = List.of(
      "does vitamin D deficiency increase the risk of respiratory infections in children",
      "effect of statins on LDL cholesterol after twelve weeks",
      "is coffee consumption associated with mortality",
      "which genes are required for viral entry into epithelial cells");

  /**
   * {@code count} passages of 1 to {@code maxSentences} sentences each (about 15 to 15 *
   * maxSentences words), chosen with a fixed seed.
   */
  public static List<String> passages(int count, int maxSentences, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int n = 1 + random.nextInt(maxSentences);
      StringBuilder sb = new StringBuilder();
      for (int s = 0; s < n; s++) {
        if (s > 0) {
          sb.append(' ');
        }
        sb.append(SENTENCES.get(random.nextInt(SENTENCES.size())));
      }
      out.add(sb.toString());
    }
    return out;
  }

  /** A text of {@code sentences} sentences in a fixed order (about 15 words, 20 tokens each). */
  public static String longText(int sentences) {
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < sentences; s++) {
      if (s > 0) {
        sb.append(' ');
      }
      sb.append(SENTENCES.get(s % SENTENCES.size()));
    }
    return sb.toString();
  }
}
