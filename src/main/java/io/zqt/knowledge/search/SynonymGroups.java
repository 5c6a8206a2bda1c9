package io.zqt.knowledge.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The synonym groups of the knowledge search, kept as data in {@code data/knowledge/synonyms/*.txt}: one group per
 * line, terms separated by commas, {@code #} starts a comment. Every term of a group stands for every other.
 */
public record SynonymGroups(List<List<String>> groups) {

  public static final String LOCATION = "classpath*:data/knowledge/synonyms/*.txt";

  public SynonymGroups {
    groups = groups.stream().map(List::copyOf).toList();
  }

  /** The groups of every synonym file on the class path, files in name order. */
  public static SynonymGroups fromClasspath() {
    try {
      Resource[] files = new PathMatchingResourcePatternResolver().getResources(LOCATION);
      Arrays.sort(files, Comparator.comparing(Resource::getFilename));
      List<List<String>> groups = new ArrayList<>();
      for (Resource file : files) {
        try (InputStream in = file.getInputStream()) {
          groups.addAll(parse(in));
        }
      }
      return new SynonymGroups(groups);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the synonym files " + LOCATION, e);
    }
  }

  static List<List<String>> parse(InputStream in) throws IOException {
    List<List<String>> groups = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line; (line = reader.readLine()) != null; ) {
      int hash = line.indexOf('#');
      String content = (hash >= 0 ? line.substring(0, hash) : line).strip();
      if (content.isEmpty()) {
        continue;
      }
      List<String> terms = Arrays.stream(content.split("[,，]")).map(String::strip).filter(t -> !t.isEmpty())
          .distinct().toList();
      if (terms.size() > 1) {
        groups.add(terms);
      }
    }
    return groups;
  }

  /** A short fingerprint; the index records it so that a changed synonym list is noticed. */
  public String fingerprint() {
    CRC32 crc = new CRC32();
    groups.forEach(g -> crc.update(String.join(",", g).concat("\n").getBytes(StandardCharsets.UTF_8)));
    return Long.toHexString(crc.getValue());
  }
}
