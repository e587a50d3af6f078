// A stand-in peer for PeerProcessTest, run by the JDK's source launcher: it speaks the peers'
// JSON-lines protocol with no JSON library (the requests it gets are simple). Search text decides
// what it does: "crash" exits, "fail" answers ok:false, "hang" never answers, "noisy" prints a
// line that is not JSON before its answer; anything else gets two hits, the second one twice.

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

public class FakePeer {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      if (line.contains("\"crash\"")) {
        System.err.println("fake peer: crashing as asked");
        System.exit(3);
      } else if (line.contains("\"hang\"")) {
        Thread.sleep(600_000);
      } else if (line.contains("\"fail\"")) {
        System.out.println("{\"ok\": false, \"error\": \"asked to fail\"}");
      } else {
        if (line.contains("\"noisy\"")) {
          System.out.println("INFO some library logging to stdout");
        }
        System.out.println("{\"ok\": true, \"hits\": [[\"d1\", 2.5], [\"d2\", 1.5], [\"d2\", 1.0]], \"ms\": 0.25}");
      }
      System.out.flush();
    }
  }
}
