/**
 * Reading runs back: {@link io.quarry.bench.compare.Comparison} ({@code compare}: old vs new P50
 * and nDCG@10 with a regression / improved / stable signal) and
 * {@link io.quarry.bench.compare.HtmlReport} ({@code report}: {@code report.html} with inline SVG
 * plots across the numbered history, drawn by {@link io.quarry.bench.compare.SvgLineChart}; no
 * scripts, nothing loaded from the network).
 */
package io.quarry.bench.compare;
