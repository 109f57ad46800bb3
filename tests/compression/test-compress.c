/* test-compress.c: zstd buffers, streams, files and the error cases.
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "costops-compress.h"
#include "costops-error.h"
#include "costops-zstd-converter.h"

#define NO_LIMIT G_MAXSIZE

/* Compressible text with some variety, so that levels make a difference. */
static GBytes *
make_text (gsize size)
{
  g_autoptr(GString) s = g_string_sized_new (size + 128);
  GRand *rand = g_rand_new_with_seed (42);
  static const char *words[] = { "openai", "anthropic", "gpt-4o", "claude",
                                 "\"org\"", "0.0250000000", "project,", "\n" };

  while (s->len < size)
    g_string_append_printf (s, "%s %u ", words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))],
                            g_rand_int_range (rand, 0, 5000));
  g_string_truncate (s, size);
  g_rand_free (rand);
  return g_string_free_to_bytes (g_steal_pointer (&s));
}

static GBytes *
make_random (gsize size)
{
  guint8 *data = g_malloc (size);
  GRand *rand = g_rand_new_with_seed (7);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int (rand);
  g_rand_free (rand);
  return g_bytes_new_take (data, size);
}

static GBytes *
compress_bytes (GBytes *data,
                int     level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsCompressor) c = costops_compressor_new (level, &error);
  GBytes *out;

  g_assert_no_error (error);
  out = costops_compressor_compress (c, data, &error);
  g_assert_no_error (error);
  return out;
}

static void
assert_round_trip (GBytes *data,
                   int     level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsCompressor) c = costops_compressor_new (level, &error);
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GBytes) unpacked = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (costops_compressor_get_level (c), ==, level);
  packed = costops_compressor_compress (c, data, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (packed), <=, costops_compress_bound (g_bytes_get_size (data)));
  unpacked = costops_compressor_decompress (c, packed, g_bytes_get_size (data), &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (data, unpacked));
}

static void
test_round_trip_levels (void)
{
  g_autoptr(GBytes) text = make_text (300 * 1024);
  g_autoptr(GBytes) noise = make_random (100 * 1024);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  const int levels[] = { -50, -5, -1, 0, 1, 3, 9, 19 };

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      assert_round_trip (text, levels[i]);
      assert_round_trip (noise, levels[i]);
      assert_round_trip (empty, levels[i]);
    }
}

/* The level must actually reach the library: on compressible text a fast
 * level gives a bigger frame and level 19 a smaller one than level 3. */
static void
test_levels_differ (void)
{
  g_autoptr(GBytes) text = make_text (512 * 1024);
  g_autoptr(GBytes) fast = compress_bytes (text, -5);
  g_autoptr(GBytes) normal = compress_bytes (text, 3);
  g_autoptr(GBytes) best = compress_bytes (text, 19);

  g_assert_cmpuint (g_bytes_get_size (fast), >, g_bytes_get_size (normal));
  g_assert_cmpuint (g_bytes_get_size (best), <, g_bytes_get_size (normal));
  g_assert_cmpuint (g_bytes_get_size (normal), <, g_bytes_get_size (text) / 2);
}

static void
test_frame_has_checksum (void)
{
  g_autoptr(GBytes) text = make_text (10000);
  g_autoptr(GBytes) packed = compress_bytes (text, 3);
  const guint8 *p = g_bytes_get_data (packed, NULL);

  /* Magic number 0xFD2FB528 (little endian), then the frame header
   * descriptor whose bit 2 is the content checksum flag. */
  g_assert_cmphex (p[0], ==, 0x28);
  g_assert_cmphex (p[1], ==, 0xb5);
  g_assert_cmphex (p[2], ==, 0x2f);
  g_assert_cmphex (p[3], ==, 0xfd);
  g_assert_true ((p[4] & 0x04) != 0);
}

static void
test_invalid_level (void)
{
  const int bad[] = { 20, 22, 100, COSTOPS_COMPRESS_LEVEL_MIN - 1, G_MININT };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CostopsCompressor) c = costops_compressor_new (bad[i], &error);

      g_assert_null (c);
      g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
      g_assert_nonnull (strstr (error->message, "level"));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CostopsCompressor) c = costops_compressor_new (5, &error);

    g_assert_false (costops_compressor_set_level (c, 23, &error));
    g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
    g_assert_cmpint (costops_compressor_get_level (c), ==, 5);
  }
}

static void
assert_decompress_fails (const guint8 *data,
                         gsize         size,
                         gsize         max_size,
                         int           code,
                         const char   *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsCompressor) c = costops_compressor_new (3, &error);
  g_autoptr(GByteArray) out = g_byte_array_new ();

  g_byte_array_append (out, (const guint8 *) "stale", 5);
  g_assert_false (costops_compressor_decompress_into (c, data, size, max_size, out, &error));
  g_assert_error (error, COSTOPS_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("message \"%s\" does not mention \"%s\"", error->message, fragment);
  g_assert_cmpuint (out->len, ==, 0);
}

static void
test_corrupt_input (void)
{
  g_autoptr(GBytes) text = make_text (64 * 1024);
  g_autoptr(GBytes) packed = compress_bytes (text, 3);
  gsize size;
  const guint8 *p = g_bytes_get_data (packed, &size);
  g_autofree guint8 *copy = g_memdup2 (p, size);

  /* Not zstd at all. */
  assert_decompress_fails ((const guint8 *) "hello, world", 12, NO_LIMIT,
                           COSTOPS_ERROR_CORRUPT_DATA, "not zstd");
  /* Empty. */
  assert_decompress_fails ((const guint8 *) "", 0, NO_LIMIT,
                           COSTOPS_ERROR_CORRUPT_DATA, "empty");
  /* The stored checksum (last four bytes) no longer matches. */
  copy[size - 2] ^= 0x55;
  assert_decompress_fails (copy, size, NO_LIMIT, COSTOPS_ERROR_CORRUPT_DATA, "checksum");
  memcpy (copy, p, size);
  /* Damage inside the compressed blocks: either the decoder or the
   * checksum catches it, never a silent success. */
  for (gsize at = 20; at < size - 8; at += size / 7)
    {
      copy[at] ^= 0xa5;
      assert_decompress_fails (copy, size, NO_LIMIT, COSTOPS_ERROR_CORRUPT_DATA, NULL);
      copy[at] ^= 0xa5;
    }
}

static void
test_truncated_input (void)
{
  g_autoptr(GBytes) text = make_text (64 * 1024);
  g_autoptr(GBytes) packed = compress_bytes (text, 3);
  gsize size;
  const guint8 *p = g_bytes_get_data (packed, &size);
  const gsize cuts[] = { 1, 4, 5, 100, size / 2 };

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    assert_decompress_fails (p, size - cuts[i], NO_LIMIT, COSTOPS_ERROR_CORRUPT_DATA, NULL);
  assert_decompress_fails (p, 3, NO_LIMIT, COSTOPS_ERROR_CORRUPT_DATA, NULL);
}

static void
test_too_large (void)
{
  g_autoptr(GBytes) text = make_text (64 * 1024);
  g_autoptr(GBytes) packed = compress_bytes (text, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsCompressor) c = costops_compressor_new (3, &error);
  g_autoptr(GBytes) exact = NULL;
  gsize size;
  const guint8 *p = g_bytes_get_data (packed, &size);

  assert_decompress_fails (p, size, 64 * 1024 - 1, COSTOPS_ERROR_TOO_LARGE, "65536");
  assert_decompress_fails (p, size, 0, COSTOPS_ERROR_TOO_LARGE, NULL);
  /* The limit is inclusive. */
  exact = costops_compressor_decompress (c, packed, 64 * 1024, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (exact), ==, 64 * 1024);
}

/* A frame written by a stream does not record its size; the buffer API
 * must then grow step by step and still honour the limit. */
static GBytes *
stream_compress (GBytes *data,
                 int     level)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsCompressor) c = costops_compressor_new (level, &error);
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  guint64 written = 0;

  g_assert_true (costops_compressor_compress_stream (c, in, out, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_output_stream_is_closed (out));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_cmpuint (written, ==, g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_unknown_size_frames (void)
{
  g_autoptr(GBytes) text = make_text (700 * 1024);
  g_autoptr(GBytes) packed = stream_compress (text, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsCompressor) c = costops_compressor_new (3, &error);
  g_autoptr(GBytes) unpacked = NULL;
  gsize size;
  const guint8 *p = g_bytes_get_data (packed, &size);

  unpacked = costops_compressor_decompress (c, packed, NO_LIMIT, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (unpacked, text));

  assert_decompress_fails (p, size, 700 * 1024 - 1, COSTOPS_ERROR_TOO_LARGE, NULL);
  assert_decompress_fails (p, size - 10, NO_LIMIT, COSTOPS_ERROR_CORRUPT_DATA, NULL);
}

static void
test_concatenated_frames (void)
{
  g_autoptr(GBytes) a = make_text (5000);
  g_autoptr(GBytes) b = make_random (3000);
  g_autoptr(GBytes) pa = compress_bytes (a, 1);
  g_autoptr(GBytes) pb = compress_bytes (b, 7);
  g_autoptr(GByteArray) joined = g_byte_array_new ();
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsCompressor) c = costops_compressor_new (3, &error);

  g_byte_array_append (joined, g_bytes_get_data (pa, NULL), g_bytes_get_size (pa));
  g_byte_array_append (joined, g_bytes_get_data (pb, NULL), g_bytes_get_size (pb));
  g_assert_true (costops_compressor_decompress_into (c, joined->data, joined->len,
                                                     NO_LIMIT, out, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->len, ==, 8000);
  g_assert_cmpmem (out->data, 5000, g_bytes_get_data (a, NULL), 5000);
  g_assert_cmpmem (out->data + 5000, 3000, g_bytes_get_data (b, NULL), 3000);

  /* The sum of the frames counts against the limit. */
  g_assert_false (costops_compressor_decompress_into (c, joined->data, joined->len,
                                                      7999, out, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE);
}

/* Reusing one compressor (as the benchmark does) gives the same bytes as
 * a fresh one every time. */
static void
test_reuse (void)
{
  g_autoptr(GBytes) text = make_text (200 * 1024);
  g_autoptr(GBytes) fresh = compress_bytes (text, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsCompressor) c = costops_compressor_new (3, &error);
  g_autoptr(GByteArray) packed = g_byte_array_new ();
  g_autoptr(GByteArray) unpacked = g_byte_array_new ();

  for (int i = 0; i < 4; i++)
    {
      g_assert_true (costops_compressor_compress_into (c, g_bytes_get_data (text, NULL),
                                                       g_bytes_get_size (text), packed, &error));
      g_assert_cmpmem (packed->data, packed->len,
                       g_bytes_get_data (fresh, NULL), g_bytes_get_size (fresh));
      g_assert_true (costops_compressor_decompress_into (c, packed->data, packed->len,
                                                         NO_LIMIT, unpacked, &error));
      g_assert_cmpmem (unpacked->data, unpacked->len,
                       g_bytes_get_data (text, NULL), g_bytes_get_size (text));
    }
  /* A failure in between does not poison the contexts. */
  g_assert_false (costops_compressor_decompress_into (c, packed->data, packed->len - 3,
                                                      NO_LIMIT, unpacked, &error));
  g_clear_error (&error);
  g_assert_true (costops_compressor_decompress_into (c, packed->data, packed->len,
                                                     NO_LIMIT, unpacked, &error));
  g_assert_no_error (error);
}

static GBytes *
stream_decompress (GBytes   *packed,
                   guint64   max_size,
                   GError  **error)
{
  g_autoptr(CostopsCompressor) c = costops_compressor_new (3, NULL);
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_bytes (packed);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  guint64 written = 0;

  if (!costops_compressor_decompress_stream (c, in, out, max_size, &written, NULL, error))
    return NULL;
  g_assert_false (g_output_stream_is_closed (out));
  g_output_stream_close (out, NULL, NULL);
  g_assert_cmpuint (written, ==, g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_streams (void)
{
  /* Several MB: many converter and splice buffers. */
  g_autoptr(GBytes) text = make_text (3 * 1024 * 1024 + 17);
  g_autoptr(GBytes) packed = stream_compress (text, 3);
  g_autoptr(GBytes) from_buffer = compress_bytes (text, -3);
  g_autoptr(GBytes) unpacked = NULL;
  g_autoptr(GBytes) unpacked2 = NULL;
  g_autoptr(GError) error = NULL;

  unpacked = stream_decompress (packed, G_MAXUINT64, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (unpacked, text));
  /* Streams read frames written by the buffer API too. */
  unpacked2 = stream_decompress (from_buffer, G_MAXUINT64, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (unpacked2, text));
}

static void
assert_stream_fails (GBytes     *packed,
                     guint64     max_size,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = stream_decompress (packed, max_size, &error);

  g_assert_null (out);
  g_assert_error (error, COSTOPS_ERROR, code);
}

static void
test_stream_errors (void)
{
  g_autoptr(GBytes) text = make_text (400 * 1024);
  g_autoptr(GBytes) packed = stream_compress (text, 3);
  gsize size;
  const guint8 *p = g_bytes_get_data (packed, &size);
  g_autoptr(GBytes) truncated = g_bytes_new (p, size - 7);
  g_autoptr(GBytes) half = g_bytes_new (p, size / 2);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) junk = g_bytes_new_static ("plain text, not zstd", 20);
  g_autofree guint8 *damaged_data = g_memdup2 (p, size);
  g_autoptr(GBytes) damaged = NULL;

  damaged_data[size - 1] ^= 0x01;
  damaged = g_bytes_new (damaged_data, size);

  assert_stream_fails (truncated, G_MAXUINT64, COSTOPS_ERROR_CORRUPT_DATA);
  assert_stream_fails (half, G_MAXUINT64, COSTOPS_ERROR_CORRUPT_DATA);
  assert_stream_fails (empty, G_MAXUINT64, COSTOPS_ERROR_CORRUPT_DATA);
  assert_stream_fails (junk, G_MAXUINT64, COSTOPS_ERROR_CORRUPT_DATA);
  assert_stream_fails (damaged, G_MAXUINT64, COSTOPS_ERROR_CORRUPT_DATA);
  assert_stream_fails (packed, 400 * 1024 - 1, COSTOPS_ERROR_TOO_LARGE);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) exact = stream_decompress (packed, 400 * 1024, &error);

    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (exact, text));
  }
}

/* The converter under a GConverterOutputStream, written in small pieces
 * with flushes in between (as the report writer does). */
static void
test_converter_small_writes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CostopsZstdConverter) conv = costops_zstd_converter_new_compressor (3, &error);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) zout = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GBytes) unpacked = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (costops_zstd_converter_get_direction (conv), ==, COSTOPS_ZSTD_COMPRESS);
  zout = g_converter_output_stream_new (mem, G_CONVERTER (conv));
  for (int i = 0; i < 5000; i++)
    {
      g_autofree char *line = g_strdup_printf ("line %d, ünïcödé \"quoted\"\n", i);

      g_string_append (expected, line);
      g_assert_true (g_output_stream_write_all (zout, line, strlen (line), NULL, NULL, &error));
      if (i % 1000 == 0)
        g_assert_true (g_output_stream_flush (zout, NULL, &error));
    }
  g_assert_true (g_output_stream_close (zout, NULL, &error));
  g_assert_no_error (error);
  packed = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
  unpacked = stream_decompress (packed, G_MAXUINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (unpacked, NULL), g_bytes_get_size (unpacked),
                   expected->str, expected->len);

  g_assert_null (costops_zstd_converter_new_compressor (99, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("costops-compress-XXXXXX", &error);
  g_autofree char *plain = g_build_filename (dir, "data.json", NULL);
  g_autofree char *packed = g_build_filename (dir, "data.json.zst", NULL);
  g_autofree char *back = g_build_filename (dir, "back.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.zst", NULL);
  g_autoptr(GFile) f_plain = g_file_new_for_path (plain);
  g_autoptr(GFile) f_packed = g_file_new_for_path (packed);
  g_autoptr(GFile) f_back = g_file_new_for_path (back);
  g_autoptr(GFile) f_bad = g_file_new_for_path (bad);
  g_autoptr(GFile) f_dir = g_file_get_parent (f_plain);
  g_autoptr(GFile) f_missing = g_file_get_child (f_dir, "missing");
  g_autoptr(GBytes) text = make_text (256 * 1024);
  g_autofree char *got = NULL;
  g_autofree char *kept = NULL;

  g_assert_no_error (error);
  g_file_set_contents (plain, g_bytes_get_data (text, NULL), g_bytes_get_size (text), &error);
  g_assert_no_error (error);

  g_assert_true (costops_compress_file (f_plain, f_packed, 3, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (costops_decompress_file (f_packed, f_back, G_MAXUINT64, NULL, &error));
  g_assert_no_error (error);
  got = read_file (back);
  g_assert_cmpmem (got, strlen (got), g_bytes_get_data (text, NULL), g_bytes_get_size (text));

  /* A failing decompression leaves the existing output as it was, and no
   * temporary file behind. */
  g_file_set_contents (bad, "\x28\xb5\x2f\xfd garbage", -1, &error);
  g_assert_false (costops_decompress_file (f_bad, f_back, G_MAXUINT64, NULL, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_CORRUPT_DATA);
  g_assert_nonnull (strstr (error->message, "bad.zst"));
  g_clear_error (&error);
  g_assert_false (costops_decompress_file (f_packed, f_back, 1000, NULL, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_TOO_LARGE);
  g_clear_error (&error);
  kept = read_file (back);
  g_assert_cmpstr (kept, ==, got);
  g_assert_cmpuint (count_entries (dir), ==, 4);

  g_assert_false (costops_compress_file (f_missing, f_back, 3, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (costops_compress_file (f_plain, f_back, 42, NULL, &error));
  g_assert_error (error, COSTOPS_ERROR, COSTOPS_ERROR_INVALID_FIELD);

  g_unlink (plain);
  g_unlink (packed);
  g_unlink (back);
  g_unlink (bad);
  g_rmdir (dir);
}

/* The reference command-line tool reads what we write and we read what it
 * writes: the format is standard zstd, not just self-consistent. */
static void
test_interop_with_zstd_cli (void)
{
  g_autofree char *zstd = g_find_program_in_path ("zstd");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  g_autoptr(GBytes) text = make_text (200 * 1024);
  g_autoptr(GBytes) packed = compress_bytes (text, 3);
  g_autofree char *out = NULL;
  gsize out_len = 0;
  int status = 0;

  if (zstd == NULL)
    {
      g_test_skip ("the zstd command is not installed");
      return;
    }
  dir = g_dir_make_tmp ("costops-zstd-XXXXXX", &error);
  plain = g_build_filename (dir, "plain", NULL);
  ours = g_build_filename (dir, "ours.zst", NULL);
  theirs = g_build_filename (dir, "plain.zst", NULL);
  g_file_set_contents (ours, g_bytes_get_data (packed, NULL), g_bytes_get_size (packed), &error);
  g_file_set_contents (plain, g_bytes_get_data (text, NULL), g_bytes_get_size (text), &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { zstd, "-q", "-d", "-c", ours, NULL };
    g_autofree char *std_out = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  &std_out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpmem (std_out, strlen (std_out), g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  }
  {
    const char *argv[] = { zstd, "-q", "-19", "--check", plain, "-o", theirs, NULL };
    g_autoptr(CostopsCompressor) c = costops_compressor_new (3, NULL);
    g_autoptr(GByteArray) unpacked = g_byte_array_new ();

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                  NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_file_get_contents (theirs, &out, &out_len, &error);
    g_assert_no_error (error);
    g_assert_true (costops_compressor_decompress_into (c, out, out_len, NO_LIMIT, unpacked, &error));
    g_assert_no_error (error);
    g_assert_cmpmem (unpacked->data, unpacked->len, g_bytes_get_data (text, NULL), g_bytes_get_size (text));
  }

  g_unlink (plain);
  g_unlink (ours);
  g_unlink (theirs);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/compress/round-trip-levels", test_round_trip_levels);
  g_test_add_func ("/compress/levels-differ", test_levels_differ);
  g_test_add_func ("/compress/frame-has-checksum", test_frame_has_checksum);
  g_test_add_func ("/compress/invalid-level", test_invalid_level);
  g_test_add_func ("/compress/corrupt-input", test_corrupt_input);
  g_test_add_func ("/compress/truncated-input", test_truncated_input);
  g_test_add_func ("/compress/too-large", test_too_large);
  g_test_add_func ("/compress/unknown-size-frames", test_unknown_size_frames);
  g_test_add_func ("/compress/concatenated-frames", test_concatenated_frames);
  g_test_add_func ("/compress/reuse", test_reuse);
  g_test_add_func ("/compress/streams", test_streams);
  g_test_add_func ("/compress/stream-errors", test_stream_errors);
  g_test_add_func ("/compress/converter-small-writes", test_converter_small_writes);
  g_test_add_func ("/compress/files", test_files);
  g_test_add_func ("/compress/interop-zstd-cli", test_interop_with_zstd_cli);

  return g_test_run ();
}
