package dev.ridgeline.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ridgeline.data.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Text from the data or the command line reaches the model card as text: no markup, no HTML, no broken spans. */
class MarkdownSafetyTest {
    @TempDir
    Path dir;

    /**
     * A column name that closes an image's text and opens a remote one, then forges a heading; HTML in a model
     * name or a group label; a '|' in a table cell. All shown as they are, none read as Markdown or HTML.
     */
    @Test
    void textCannotInjectLinksImagesHeadingsOrHtml() {
        assertEquals("s\\](https://evil.example/x.png)  # FORGED",
                MarkdownCell.line("s](https://evil.example/x.png)\n\n# FORGED"));
        assertEquals("&lt;img src=x onerror=alert(1)&gt; &amp; more", MarkdownCell.line("<img src=x onerror=alert(1)> & more"));
        assertEquals("\\[a\\] \\\\ b", MarkdownCell.line("[a] \\ b"));
        assertEquals("x \\| y &lt;script&gt;", MarkdownCell.of("x | y <script>"));
    }

    /**
     * A model name in the card's title is shown as it is: its '*' had made emphasis, its '|' stayed raw (a table
     * cell escapes it), and a '#' at its end was read as the heading's closing sequence and dropped.
     */
    @Test
    void aHeadingShowsTheNameAsItIs() {
        assertEquals("My \\*model\\* \\| x", MarkdownCell.heading("My *model* | x"));
        assertEquals("a\\_b \\`c\\` \\~d\\~ m # n", MarkdownCell.heading("a_b `c` ~d~ m # n"));
        assertEquals("model \\##", MarkdownCell.heading("model ##"));
        assertEquals("\\[x\\] &lt;b&gt; y", MarkdownCell.heading("[x] <b>\ny"));
    }

    /**
     * A feature name or group label such as "a*b and c*d" had put "b and c" in italics, and one holding a backtick
     * had opened a code span over the rest of the line: shown as they are now, in headings, lines and cells.
     */
    @Test
    void emphasisCodeAndStrikeThroughMarksAreShownAsTheyAre() {
        assertEquals("a\\*b and c\\*d", MarkdownCell.line("a*b and c*d"));
        assertEquals("x\\_1 \\`q\\` \\~\\~gone\\~\\~", MarkdownCell.line("x_1 `q` ~~gone~~"));
        assertEquals("\\*\\*bold\\*\\* \\| z", MarkdownCell.of("**bold** | z"));
    }

    /**
     * A warning, limitation or preprocessing step is a list item: one starting "# ", "- ", "+ " or "1. " had become
     * a heading or a nested list inside it. A marker without the space after it, as in "--dp: ...", is plain text.
     */
    @Test
    void aListItemCannotOpenAHeadingOrANestedList() {
        assertEquals("\\# Title", MarkdownCell.listItem("# Title"));
        assertEquals("\\- inner", MarkdownCell.listItem("- inner"));
        assertEquals("\\+", MarkdownCell.listItem("+"));
        assertEquals("12\\. point", MarkdownCell.listItem("12. point"));
        assertEquals("3\\) x", MarkdownCell.listItem("3) x"));
        assertEquals("--dp: the figures", MarkdownCell.listItem("--dp: the figures"));
        assertEquals("#hashtag 1.5 - x", MarkdownCell.listItem("#hashtag 1.5 - x"));
        assertEquals("\\* starred", MarkdownCell.listItem("* starred"));
        assertEquals("&gt; quoted", MarkdownCell.listItem("> quoted"));
    }

    /** A backtick in a file name or command had ended its code span: the fence is longer than any run inside. */
    @Test
    void codeSpansHoldAnyBackticks() {
        assertEquals("`plain.csv`", MarkdownCell.code("plain.csv"));
        assertEquals("``it's a `b`|c.csv``", MarkdownCell.code("it's a `b`|c.csv"));
        assertEquals("``` ``x`` ```", MarkdownCell.code("``x``"));
        assertEquals("`a b`", MarkdownCell.code("a\nb"));
    }

    /**
     * An intended-use list item that is no string (an object, null, a number) had become an empty bullet or one
     * reading "null" or "3"; refused, naming the key and the item. An empty statement reads "not stated".
     */
    @Test
    void intendedUseListsHoldStringsOnly() throws Exception {
        Path bad = Files.writeString(dir.resolve("use.json"), "{\"outOfScope\":[\"fine\",{\"a\":1},null,3]}");
        DataException e = assertThrows(DataException.class, () -> IntendedUse.load(bad));
        assertEquals(bad + ": key 'outOfScope' must be a string or a list of strings; item 2 is an object",
                e.getMessage());
        Path nulls = Files.writeString(dir.resolve("nulls.json"), "{\"limitations\":[null]}");
        assertTrue(assertThrows(DataException.class, () -> IntendedUse.load(nulls)).getMessage().endsWith("item 1 is null"));
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"primaryUse\":\"\"}");
        assertEquals(IntendedUse.NOT_STATED, IntendedUse.load(empty).primaryUse());
    }
}
