package io.zqt.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.FilteringTokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

/**
 * How the knowledge search reads Chinese. Words: smartcn's HMM tokenizer, lower case, punctuation and a short list of
 * colloquial function words (怎么, 咋, 吗 …) left out; the same at index and query time, plus the synonym groups at
 * query time only (so a changed synonym list needs no reindex). Grams: overlapping character pairs of title and
 * keywords, so that a caller's typo (营业只照) or an unknown word still meets the entry on the characters it got right.
 */
final class KnowledgeAnalysis {

  /** Bumped whenever analysis or fields change: an index written with another schema is rebuilt. */
  static final String SCHEMA = "knowledge-v1";

  static final String TITLE = "title";
  static final String KEYWORDS = "keywords";
  static final String BODY = "body";
  static final String GRAMS = "grams";
  static final String BODY_GRAMS = "bodyGrams";

  /** Words that callers say around the question but that carry no subject. */
  static final Set<String> FUNCTION_WORDS = Set.of(
      "的", "了", "吗", "呢", "啊", "吧", "呀", "么", "嘛", "哦", "哈", "啦", "咋", "怎么", "怎么样", "怎样", "如何",
      "什么", "啥", "哪", "哪里", "哪儿", "是", "在", "和", "与", "及", "或", "就", "都", "也", "还", "又", "给", "把",
      "被", "让", "这", "那", "这个", "那个", "一下", "我", "我们", "你", "你们", "他", "她", "它", "他们", "咱", "咱们",
      "请问", "想", "问", "问问", "一", "个", "能", "会", "要", "得", "着", "过", "呗", "吗？");

  private final Analyzer words;
  private final Analyzer queryWords;
  private final Analyzer grams;
  private final SynonymMap synonyms;

  KnowledgeAnalysis(SynonymGroups groups) {
    this.words = new WordAnalyzer(null);
    this.grams = new GramAnalyzer();
    this.synonyms = synonymMap(groups);
    this.queryWords = new WordAnalyzer(synonyms);
  }

  /** Per field, for writing documents and for the highlighter. */
  Analyzer indexAnalyzer() {
    return new PerFieldAnalyzerWrapper(words, java.util.Map.of(GRAMS, grams, BODY_GRAMS, grams));
  }

  Analyzer queryWords() {
    return queryWords;
  }

  Analyzer grams() {
    return grams;
  }

  /** The words of a text as the index sees them (no synonyms). */
  List<String> words(String text) {
    return terms(words, BODY, text);
  }

  /**
   * The text without punctuation and function words, the remaining words in their order; a space where something was
   * left out, so that no character pair spans the gap (怎么办营业只照 → 办 营业 只 照 → "办营业只照").
   */
  String withoutFunctionWords(String text) {
    StringBuilder kept = new StringBuilder();
    try (TokenStream ts = words.tokenStream(BODY, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute inc =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
      org.apache.lucene.analysis.tokenattributes.OffsetAttribute offset =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.OffsetAttribute.class);
      ts.reset();
      int lastEnd = 0;
      while (ts.incrementToken()) {
        if (offset.startOffset() > lastEnd || inc.getPositionIncrement() > 1) {
          kept.append(' ');
        }
        kept.append(term);
        lastEnd = offset.endOffset();
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return kept.toString().strip();
  }

  List<String> gramsOf(String text) {
    return terms(grams, GRAMS, text);
  }

  static List<String> terms(Analyzer analyzer, String field, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private SynonymMap synonymMap(SynonymGroups groups) {
    try {
      SynonymMap.Builder builder = new SynonymMap.Builder(true);
      for (List<String> group : groups.groups()) {
        List<CharsRef> phrases = new ArrayList<>();
        for (String term : group) {
          List<String> tokens = words(term);
          if (!tokens.isEmpty()) {
            phrases.add(SynonymMap.Builder.join(tokens.toArray(String[]::new), new CharsRefBuilder()));
          }
        }
        for (CharsRef from : phrases) {
          for (CharsRef to : phrases) {
            if (!from.equals(to)) {
              builder.add(from, to, true);
            }
          }
        }
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot build the synonym map", e);
    }
  }

  /** smartcn words, lower case, without punctuation and function words; with synonyms when given. */
  private static final class WordAnalyzer extends Analyzer {
    private static final CharArraySet STOP = new CharArraySet(FUNCTION_WORDS, false);
    private final SynonymMap synonyms;

    WordAnalyzer(SynonymMap synonyms) {
      this.synonyms = synonyms;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new HMMChineseTokenizer();
      TokenStream stream = new LowerCaseFilter(tokenizer);
      stream = new WordsOnly(stream);
      stream = new StopFilter(stream, STOP);
      if (synonyms != null && synonyms.fst != null) {
        stream = new SynonymGraphFilter(stream, synonyms, true);
      }
      return new TokenStreamComponents(tokenizer, stream);
    }
  }

  /** Pairs of adjacent Chinese characters (and whole Latin words / numbers). */
  private static final class GramAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new StandardTokenizer();
      TokenStream stream = new CJKWidthFilter(tokenizer);
      stream = new LowerCaseFilter(stream);
      stream = new CJKBigramFilter(stream);
      return new TokenStreamComponents(tokenizer, stream);
    }
  }

  /** Drops tokens without a letter or digit (punctuation, symbols). */
  private static final class WordsOnly extends FilteringTokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    WordsOnly(TokenStream in) {
      super(in);
    }

    @Override
    protected boolean accept() {
      for (int i = 0; i < term.length(); i++) {
        if (Character.isLetterOrDigit(term.charAt(i))) {
          return true;
        }
      }
      return false;
    }
  }
}
