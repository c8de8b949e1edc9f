package org.swarmmon.collector.tsdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import org.swarmmon.labels.Labels;

/**
 * A block's {@code index}: magic {@code "SWIX"}, version 1, then the symbol table, the series
 * entries (sorted by labels; a series' reference is its entry's offset), the postings lists, the
 * postings offset table and a fixed-size table of contents. Every section and entry carries a
 * crc32c. See docs/tsdb-format.md.
 */
final class IndexFile {

  static final String FILE = "index";
  static final int MAGIC = 0x53574958; // "SWIX"
  private static final int TOC_SIZE = 4 * 8 + 4;
  /** Postings lists shorter than this decode in microseconds and are not cached. */
  static final int CACHED_POSTINGS_MIN = 1024;

  private IndexFile() {}

  /** A chunk as the index describes it: time range and reference into the chunk files. */
  record ChunkMeta(long mint, long maxt, long ref) {}

  /** One series to write: labels and chunk metas, sorted by labels across calls. */
  record Entry(Labels labels, List<ChunkMeta> chunks) {}

  static void write(Path file, List<Entry> series) throws IOException {
    TreeMap<String, Integer> symbols = new TreeMap<>();
    for (Entry e : series) {
      for (int i = 0; i < e.labels().size(); i++) {
        symbols.put(e.labels().name(i), 0);
        symbols.put(e.labels().value(i), 0);
      }
    }
    symbols.put("", 0);
    int n = 0;
    for (Map.Entry<String, Integer> s : symbols.entrySet()) {
      s.setValue(n++);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      Out out = new Out(ch);
      out.buf.putBE32(MAGIC).putByte(1);
      // symbols
      long symbolsAt = out.pos();
      Encbuf body = new Encbuf(1 << 16);
      body.putUvarint(symbols.size());
      for (String s : symbols.keySet()) {
        body.putUvarintString(s);
      }
      out.section(body);
      // series
      long seriesAt = out.pos();
      TreeMap<String, TreeMap<String, List<Long>>> postings = new TreeMap<>();
      List<Long> all = new ArrayList<>(series.size());
      for (Entry e : series) {
        long ref = out.pos();
        all.add(ref);
        body.reset();
        body.putUvarint(e.labels().size());
        for (int i = 0; i < e.labels().size(); i++) {
          body.putUvarint(symbols.get(e.labels().name(i))).putUvarint(symbols.get(e.labels().value(i)));
          postings.computeIfAbsent(e.labels().name(i), k -> new TreeMap<>())
              .computeIfAbsent(e.labels().value(i), k -> new ArrayList<>()).add(ref);
        }
        body.putUvarint(e.chunks().size());
        long prevMaxt = 0;
        long prevRef = 0;
        for (int i = 0; i < e.chunks().size(); i++) {
          ChunkMeta c = e.chunks().get(i);
          if (i == 0) {
            body.putVarint(c.mint());
          } else {
            body.putVarint(c.mint() - prevMaxt);
          }
          body.putUvarint(c.maxt() - c.mint()).putVarint(c.ref() - prevRef);
          prevMaxt = c.maxt();
          prevRef = c.ref();
        }
        out.entry(body);
      }
      // postings: the list of all series first (name "" value ""), then each label pair
      long postingsAt = out.pos();
      Encbuf table = new Encbuf(1 << 16);
      int pairs = 1;
      table.putUvarintString("").putUvarintString("").putUvarint(out.pos());
      out.section(postingsList(body, all));
      for (var byName : postings.entrySet()) {
        for (var byValue : byName.getValue().entrySet()) {
          table.putUvarintString(byName.getKey()).putUvarintString(byValue.getKey()).putUvarint(out.pos());
          out.section(postingsList(body, byValue.getValue()));
          pairs++;
        }
      }
      long tableAt = out.pos();
      Encbuf t = new Encbuf(table.len() + 8);
      t.putUvarint(pairs).putBytes(table.array(), 0, table.len());
      out.section(t);
      Encbuf toc = new Encbuf(TOC_SIZE);
      toc.putBE64(symbolsAt).putBE64(seriesAt).putBE64(postingsAt).putBE64(tableAt);
      CRC32C crc = new CRC32C();
      crc.update(toc.array(), 0, toc.len());
      toc.putBE32((int) crc.getValue());
      out.buf.putBytes(toc.array(), 0, toc.len());
      out.flush();
      ch.force(true);
    }
  }

  private static Encbuf postingsList(Encbuf body, List<Long> refs) {
    body.reset();
    body.putUvarint(refs.size());
    long prev = 0;
    for (long r : refs) {
      body.putUvarint(r - prev);
      prev = r;
    }
    return body;
  }

  /** Buffered output that knows its file position. */
  private static final class Out {
    final FileChannel ch;
    final Encbuf buf = new Encbuf(1 << 20);
    final CRC32C crc = new CRC32C();
    long flushed;

    Out(FileChannel ch) {
      this.ch = ch;
    }

    long pos() {
      return flushed + buf.len();
    }

    /** {@code len:4 | body | crc32c(body):4}. */
    void section(Encbuf body) throws IOException {
      buf.putBE32(body.len());
      body(body);
    }

    /** {@code uvarint len | body | crc32c(body):4}. */
    void entry(Encbuf body) throws IOException {
      buf.putUvarint(body.len());
      body(body);
    }

    private void body(Encbuf body) throws IOException {
      buf.putBytes(body.array(), 0, body.len());
      crc.reset();
      crc.update(body.array(), 0, body.len());
      buf.putBE32((int) crc.getValue());
      if (buf.len() > 1 << 20) {
        flush();
      }
    }

    void flush() throws IOException {
      ByteBuffer b = ByteBuffer.wrap(buf.array(), 0, buf.len());
      while (b.hasRemaining()) {
        ch.write(b);
      }
      flushed += buf.len();
      buf.reset();
    }
  }

  /** Reads an index through a memory map; every checksum is verified when it is opened. */
  static final class Reader implements Postings.Source {
    private final MappedByteBuffer map;
    private final String[] symbols;
    /** Per label name: its values (sorted, shared with the symbol table) and their postings offsets. */
    private final TreeMap<String, Values> postingsTable = new TreeMap<>();
    private final long allPostingsAt;
    private final long seriesCount;
    /**
     * Long postings lists already decoded (shared, never modified), least recently used first: a
     * selective query such as {@code metric{instance="x"}} would otherwise decode the metric name's
     * whole list (tens of thousands of varints) on every request. Bounded by twice the block's
     * series count in references.
     */
    private final PostingsCache decoded;

    Reader(Path file) throws IOException {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        if (ch.size() > Integer.MAX_VALUE) {
          throw new CorruptionException("index larger than 2GiB is not supported: " + file);
        }
        map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      }
      int size = map.capacity();
      if (size < 5 + TOC_SIZE || map.getInt(0) != MAGIC || map.get(4) != 1) {
        throw new CorruptionException("bad index header: " + file);
      }
      CRC32C crc = new CRC32C();
      ByteBuffer toc = map.duplicate().position(size - TOC_SIZE).limit(size - 4);
      crc.update(toc);
      if ((int) crc.getValue() != map.getInt(size - 4)) {
        throw new CorruptionException("index table of contents checksum mismatch: " + file);
      }
      long symbolsAt = map.getLong(size - TOC_SIZE);
      long seriesAt = map.getLong(size - TOC_SIZE + 8);
      long postingsAt = map.getLong(size - TOC_SIZE + 16);
      long tableAt = map.getLong(size - TOC_SIZE + 24);
      if (!(5 <= symbolsAt && symbolsAt <= seriesAt && seriesAt <= postingsAt && postingsAt <= tableAt && tableAt < size - TOC_SIZE)) {
        throw new CorruptionException("index table of contents out of range: " + file);
      }
      Decbuf s = section((int) symbolsAt, file);
      symbols = new String[s.getUvarintInt()];
      for (int i = 0; i < symbols.length; i++) {
        symbols[i] = s.getUvarintString();
      }
      // verify every series entry and postings list
      long n = 0;
      int p = (int) seriesAt;
      while (p < postingsAt) {
        Decbuf d = new Decbuf(map.duplicate().position(p));
        int len = d.getUvarintInt();
        p = d.position() + len + 4;
        checkCrc(d.position(), len, file);
        n++;
      }
      seriesCount = n;
      decoded = new PostingsCache(Math.max(2 * n, 4L * CACHED_POSTINGS_MIN));
      p = (int) postingsAt;
      while (p < tableAt) {
        int len = map.getInt(p);
        checkCrc(p + 4, len, file);
        p += 8 + len;
      }
      Decbuf t = section((int) tableAt, file);
      int pairs = t.getUvarintInt();
      long all = -1;
      String currentName = null;
      List<String> values = new ArrayList<>();
      List<Long> offsets = new ArrayList<>();
      for (int i = 0; i < pairs; i++) {
        String name = symbolFor(t.getUvarintString());
        String value = symbolFor(t.getUvarintString());
        long at = t.getUvarint();
        if (name.isEmpty()) {
          all = at;
          continue;
        }
        if (!name.equals(currentName)) {
          if (currentName != null) {
            postingsTable.put(currentName, Values.of(values, offsets));
          }
          currentName = name;
          values.clear();
          offsets.clear();
        }
        values.add(value);
        offsets.add(at);
      }
      if (currentName != null) {
        postingsTable.put(currentName, Values.of(values, offsets));
      }
      allPostingsAt = all;
    }

    /** The symbol table's instance of {@code s}, so label strings are held once per block. */
    private String symbolFor(String s) {
      int i = java.util.Arrays.binarySearch(symbols, s);
      return i >= 0 ? symbols[i] : s;
    }

    private record Values(String[] values, long[] offsets) {
      static Values of(List<String> values, List<Long> offsets) {
        long[] o = new long[offsets.size()];
        for (int i = 0; i < o.length; i++) {
          o[i] = offsets.get(i);
        }
        return new Values(values.toArray(new String[0]), o);
      }

      long offset(String value) {
        int i = java.util.Arrays.binarySearch(values, value);
        return i >= 0 ? offsets[i] : -1;
      }
    }

    private Decbuf section(int at, Path file) {
      int len = map.getInt(at);
      checkCrc(at + 4, len, file);
      return new Decbuf(map.duplicate().position(at + 4).limit(at + 4 + len).slice());
    }

    private void checkCrc(int at, int len, Path file) {
      if (len < 0 || at + len + 4 > map.capacity()) {
        throw new CorruptionException("index entry at " + at + " runs past the end: " + file);
      }
      CRC32C crc = new CRC32C();
      crc.update(map.duplicate().position(at).limit(at + len));
      if ((int) crc.getValue() != map.getInt(at + len)) {
        throw new CorruptionException("index checksum mismatch at offset " + at + ": " + file);
      }
    }

    long seriesCount() {
      return seriesCount;
    }

    int symbolTableSize() {
      return symbols.length;
    }

    @Override
    public long[] postings(String name, String value) {
      Values values = postingsTable.get(name);
      long at = values == null ? -1 : values.offset(value);
      return at < 0 ? Postings.EMPTY : postingsAt(at);
    }

    @Override
    public long[] allPostings() {
      return allPostingsAt < 0 ? Postings.EMPTY : postingsAt(allPostingsAt);
    }

    private long[] postingsAt(long at) {
      long[] cached = decoded.get(at);
      if (cached != null) {
        return cached;
      }
      Decbuf d = new Decbuf(map.duplicate().position((int) at + 4));
      long[] refs = new long[d.getUvarintInt()];
      long prev = 0;
      for (int i = 0; i < refs.length; i++) {
        prev += d.getUvarint();
        refs[i] = prev;
      }
      if (refs.length >= CACHED_POSTINGS_MIN) {
        decoded.put(at, refs);
      }
      return refs;
    }

    @Override
    public Collection<String> labelValues(String name) {
      Values values = postingsTable.get(name);
      return values == null ? List.of() : List.of(values.values());
    }

    Collection<String> labelNames() {
      return postingsTable.keySet();
    }

    Map<String, Integer> valueCounts() {
      Map<String, Integer> out = new HashMap<>();
      postingsTable.forEach((k, v) -> out.put(k, v.values().length));
      return out;
    }

    /** Reads the series entry at {@code ref}: its labels and chunk metas. */
    Entry series(long ref) {
      Decbuf d = new Decbuf(map.duplicate().position((int) ref));
      d.getUvarintInt();
      int nl = d.getUvarintInt();
      Labels.Builder b = Labels.builder();
      for (int i = 0; i < nl; i++) {
        b.set(symbol(d.getUvarint()), symbol(d.getUvarint()));
      }
      int nc = d.getUvarintInt();
      List<ChunkMeta> chunks = new ArrayList<>(nc);
      long prevMaxt = 0;
      long prevRef = 0;
      for (int i = 0; i < nc; i++) {
        long mint = i == 0 ? d.getVarint() : prevMaxt + d.getVarint();
        long maxt = mint + d.getUvarint();
        long cref = prevRef + d.getVarint();
        chunks.add(new ChunkMeta(mint, maxt, cref));
        prevMaxt = maxt;
        prevRef = cref;
      }
      return new Entry(b.build(), chunks);
    }

    private String symbol(long i) {
      if (i < 0 || i >= symbols.length) {
        throw new CorruptionException("symbol reference out of range: " + i);
      }
      return symbols[(int) i];
    }
  }
}
