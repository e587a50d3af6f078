package io.quarry.graph.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarry.graph.model.Subgraph;
import org.junit.jupiter.api.Test;

/** Personalized PageRank against values worked out by hand. */
class PersonalizedPageRankTest {

  @Test
  void should_match_the_closed_form_on_a_two_node_graph() {
    Subgraph.Builder b = Subgraph.builder();
    int a = b.node("a", false);
    int p = b.node("a#0", true);
    b.edge(a, p, 1);
    Subgraph g = b.build();
    double[] r = PersonalizedPageRank.run(g, new double[] {1, 0}, 0.5, 100, () -> false);
    // r_a = 0.5 + 0.5 r_p, r_p = 0.5 r_a  =>  r_a = 2/3, r_p = 1/3
    assertEquals(2.0 / 3, r[a], 1e-9);
    assertEquals(1.0 / 3, r[p], 1e-9);
  }

  @Test
  void should_give_more_mass_to_the_nearer_and_heavier_neighbour_and_sum_to_one() {
    Subgraph.Builder b = Subgraph.builder();
    int s = b.node("seed", false);
    int near = b.node("near#0", true);
    int far = b.node("far#0", true);
    int mid = b.node("mid", false);
    b.edge(s, near, 3).edge(s, mid, 1).edge(mid, far, 1);
    double[] r = PersonalizedPageRank.run(b.build(), new double[] {1, 0, 0, 0}, 0.5, 50, () -> false);
    assertTrue(r[near] > r[far]);
    assertEquals(1.0, r[0] + r[1] + r[2] + r[3], 1e-9);
  }

  @Test
  void should_return_nothing_without_seeds_and_send_dangling_mass_home() {
    Subgraph.Builder b = Subgraph.builder();
    b.node("alone", false);
    b.node("other", false);
    Subgraph g = b.build();
    double[] none = PersonalizedPageRank.run(g, new double[] {0, 0}, 0.5, 10, () -> false);
    assertEquals(0, none[0] + none[1]);
    double[] home = PersonalizedPageRank.run(g, new double[] {1, 0}, 0.5, 10, () -> false);
    assertEquals(1.0, home[0], 1e-9);
  }
}
