package io.quarry.core.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package structure of search-core, checked on its compiled classes: no package depends on a
 * package that depends back on it (directly or through others), and search-core stays free of
 * the other modules. Each package says what it holds in a {@code package-info}.
 */
class PackageCyclesTest {

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.quarry.core");

  @Test
  void should_have_no_cycle_between_packages() {
    slices().matching("io.quarry.core.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void should_keep_the_paths_apart() {
    // the fast path and the deep path share legs, freshness and values, never each other
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.quarry.core.search.fast..")
        .should().dependOnClassesThat().resideInAPackage("io.quarry.core.search.deep..")
        .check(MAIN);
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
        .that().resideInAPackage("io.quarry.core.search.deep..")
        .should().dependOnClassesThat().resideInAPackage("io.quarry.core.search.fast..")
        .check(MAIN);
  }

  @Test
  void should_say_what_each_package_holds() throws IOException {
    Path root = Path.of("src/main/java/io/quarry/core");
    List<Path> missing;
    try (Stream<Path> dirs = Files.walk(root)) {
      missing = dirs.filter(Files::isDirectory)
          .filter(d -> hasJava(d) && !Files.exists(d.resolve("package-info.java")))
          .toList();
    }
    assertEquals(List.of(), missing);
    assertTrue(Files.exists(root.resolve("search/leg/package-info.java")));
  }

  private static boolean hasJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
