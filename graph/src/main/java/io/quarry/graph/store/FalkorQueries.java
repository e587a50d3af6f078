package io.quarry.graph.store;

import java.util.List;

/**
 * The Cypher of {@link FalkorGraphStore}, with why each query is shaped as it is. Parameters
 * ({@code $doc}, {@code $keys}, ...) are written into the query text by {@link FalkorCypher}.
 */
final class FalkorQueries {

  private FalkorQueries() {}

  static final List<String> INDEXES = List.of(
      "CREATE INDEX FOR (e:Entity) ON (e.key)",
      "CREATE INDEX FOR (e:Entity) ON (e.tokens)",
      "CREATE INDEX FOR (p:Passage) ON (p.id)",
      "CREATE INDEX FOR (p:Passage) ON (p.doc)",
      "CREATE INDEX FOR (d:Document) ON (d.id)",
      "CREATE INDEX FOR ()-[r:RELATED]-() ON (r.doc)");

  // Creates the relationship types once per graph (the edges go, the types stay; the two nodes
  // are garbage, see WRITE). A query that creates the first edge of a type and then traverses
  // that type sees no edge of it: FalkorDB 4.16.3 planned the traversal against a type that did
  // not exist yet.
  static final String SCHEMA = """
      CREATE (p:Garbage)-[m:MENTIONS]->(e:Garbage), (e)-[r:RELATED]->(e), (e)-[s:SYNONYM]->(e)
      DELETE m, r, s""";

  static final String BEFORE_PUT = """
      UNWIND $keys AS k MATCH (e:Entity {key: k})
      RETURN 'e' AS kind, e.key AS key, e.name AS name, e.type AS type, e.aliases AS aliases, e.passages AS n
      UNION ALL
      MATCH (p:Passage {doc: $doc})-[:MENTIONS]->(e:Entity)
      RETURN 'o' AS kind, e.key AS key, null AS name, null AS type, null AS aliases, count(p) AS n
      UNION ALL
      MATCH (d:Document {id: $doc})
      RETURN 'd' AS kind, d.id AS key, null AS name, null AS type, null AS aliases, 1 AS n""";

  static final String CANDIDATES = """
      UNWIND $tokens AS t MATCH (e:Entity) WHERE t IN e.tokens RETURN DISTINCT e.key""";

  // One query, so FalkorDB applies all of it or nothing. Each step ends in an aggregation
  // without grouping keys, which yields one row even when its UNWIND list is empty.
  //
  // It deletes edges but no node that has (or had, in this query) an edge: FalkorDB 4.16.3 rolls
  // a failed or timed-out write back by recreating deleted nodes under new ids while the edges
  // it restores keep the old ones, so a rolled-back DETACH DELETE leaves edges that no traversal
  // reaches. A passage or entity that goes is relabelled :Garbage instead (invisible to every
  // query here) and deleted, edgeless, by the next write or commit (COLLECT).
  //
  // The recount sees the MENTIONS created above only because the type existed when the query was
  // planned (FalkorDB resolves a relationship type once, at planning: see SCHEMA), and prunes in
  // a step of its own: "SET e.passages = n WITH e, n WHERE n = 0 ..." loses the SET on the rows
  // the WHERE drops.
  static final String COLLECT = """
      OPTIONAL MATCH (g:Garbage) DELETE g
      WITH count(*) AS n0""";

  /** Deletes the garbage a write left (see WRITE), edgeless by then. */
  static final String COLLECT_GARBAGE = "MATCH (g:Garbage) DELETE g";

  static final String WRITE = COLLECT + """

      OPTIONAL MATCH (:Passage {doc: $doc})-[m:MENTIONS]->() DELETE m
      WITH count(*) AS n1
      OPTIONAL MATCH ()-[r:RELATED]->() WHERE r.doc = $doc DELETE r
      WITH count(*) AS n2
      OPTIONAL MATCH (p:Passage {doc: $doc}) WHERE NOT p.id IN $ids
      REMOVE p:Passage SET p:Garbage
      WITH count(*) AS n3
      UNWIND $passages AS x
      MERGE (p:Passage {id: x.id}) SET p.doc = $doc, p.ordinal = x.ordinal, p.date = $date
      WITH count(*) AS n4
      UNWIND $entities AS x
      MERGE (e:Entity {key: x.key})
      SET e.name = x.name, e.type = x.type, e.aliases = x.aliases, e.lower = x.lower, e.tokens = x.tokens
      WITH count(*) AS n5
      UNWIND $mentions AS x
      MATCH (p:Passage {id: x[0]}), (e:Entity {key: x[1]})
      CREATE (p)-[:MENTIONS {own: x[2]}]->(e)
      WITH count(*) AS n6
      UNWIND $relations AS x
      MATCH (a:Entity {key: x.s}), (b:Entity {key: x.t})
      CREATE (a)-[:RELATED {type: x.type, passage: x.p, doc: $doc, ordinal: x.o, date: $date}]->(b)
      WITH count(*) AS n7
      UNWIND $synonyms AS x
      MATCH (a:Entity {key: x[0]}), (b:Entity {key: x[1]})
      CREATE (a)-[:SYNONYM]->(b)
      WITH count(*) AS n8
      UNWIND $touched AS k
      MATCH (e:Entity {key: k})
      OPTIONAL MATCH (e)<-[m:MENTIONS]-()
      WITH e, count(m) AS n
      SET e.passages = n
      WITH count(*) AS n9
      UNWIND $touched AS k
      MATCH (e:Entity {key: k}) WHERE e.passages = 0
      OPTIONAL MATCH (e)-[s]-() DELETE s
      WITH DISTINCT e
      REMOVE e:Entity SET e:Garbage
      WITH count(*) AS n10
      %s
      MERGE (g:Meta {id: 'graph'}) SET g.lastExtraction = $now""";

  static final String PUT_DOCUMENT = """
      MERGE (d:Document {id: $doc})
      SET d.hash = $hash, d.title = $title, d.date = $date, d.extractor = $extractor, d.passages = size($ids)
      WITH count(*) AS n11""";

  static final String DELETE_DOCUMENT = """
      OPTIONAL MATCH (d:Document {id: $doc}) DELETE d
      WITH count(*) AS n11""";

  static final String STATS = """
      MATCH (d:Document) RETURN 'documents' AS k, count(d) AS v
      UNION ALL MATCH (p:Passage) RETURN 'passages' AS k, count(p) AS v
      UNION ALL MATCH (e:Entity) RETURN 'entities' AS k, count(e) AS v
      UNION ALL MATCH (:Passage)-[m:MENTIONS]->(:Entity) RETURN 'mentions' AS k, count(m) AS v
      UNION ALL MATCH (a:Entity)-[r:RELATED]->(b:Entity)
        RETURN 'relations' AS k, count(DISTINCT CASE WHEN r.type = $cooccurs AND b.key < a.key
          THEN [b.key, a.key, r.type] ELSE [a.key, b.key, r.type] END) AS v
      UNION ALL MATCH (:Entity)-[s:SYNONYM]->(:Entity) RETURN 'synonyms' AS k, count(s) AS v
      UNION ALL MATCH (g:Meta {id: 'graph'}) RETURN 'last' AS k, g.lastExtraction AS v""";

  static final String SEARCH = """
      MATCH (e:Entity) WHERE any(s IN e.lower WHERE s CONTAINS $q)
      WITH e ORDER BY e.passages DESC, e.key LIMIT $limit
      OPTIONAL MATCH (e)-[:SYNONYM]-(s:Entity)
      RETURN e.key, e.name, e.type, e.aliases, e.passages, collect(s.key)""";

  static final String ENTITY = """
      MATCH (e:Entity {key: $key}) OPTIONAL MATCH (e)-[:SYNONYM]-(s:Entity)
      RETURN 'e' AS kind, e.name AS a, e.type AS b, e.aliases AS c, collect(s.key) AS d, e.passages AS n
      UNION ALL
      MATCH (e:Entity {key: $key})-[r:RELATED]-(o:Entity)
      RETURN 'n' AS kind, o.key AS a, o.name AS b, 'relation' AS c, null AS d, count(r) AS n
      ORDER BY n DESC, a LIMIT $limit
      UNION ALL
      MATCH (e:Entity {key: $key})-[:SYNONYM]-(o:Entity)
      RETURN 's' AS kind, o.key AS a, o.name AS b, 'synonym' AS c, null AS d, 1 AS n
      ORDER BY a LIMIT $limit
      UNION ALL
      MATCH (e:Entity {key: $key})-[r:RELATED]-(:Entity)
      RETURN 'r' AS kind, startNode(r).key AS a, endNode(r).key AS b, r.type AS c,
        [r.passage, r.date, r.doc] AS d, r.ordinal AS n
      ORDER BY r.doc, r.ordinal, a, b, c LIMIT $limit
      UNION ALL
      MATCH (e:Entity {key: $key})<-[:MENTIONS]-(p:Passage)
      RETURN DISTINCT 'd' AS kind, p.doc AS a, null AS b, null AS c, null AS d, 0 AS n
      ORDER BY a LIMIT $limit""";
}
