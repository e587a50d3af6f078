/**
 * Reading runs back: {@link io.quarry.bench.compare.Comparison} ({@code compare}: old vs new P50
 * and nDCG@10 with a regression / improved / stable signal), {@link
 * io.quarry.bench.compare.PairedTest} (the paired randomization test of {@code ab}) and {@link
 * io.quarry.bench.compare.HtmlReport} ({@code report}: {@code report.html} with the PNG plots
 * JFreeChart draws in {@link io.quarry.bench.compare.Plots}; no scripts, nothing loaded from the
 * network).
 */
package io.quarry.bench.compare;
