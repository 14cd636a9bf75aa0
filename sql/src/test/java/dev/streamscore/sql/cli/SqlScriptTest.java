package dev.streamscore.sql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting a SQL file at the semicolons that end statements, with each statement's position. */
class SqlScriptTest {
    @Test
    void splitsAtSemicolonsAndKeepsPositions() {
        String text = "CREATE TABLE t (a INT);\n\n  SELECT a\n  FROM t;\nSELECT 1";
        assertEquals(List.of(
                new Statement("CREATE TABLE t (a INT)", 1, 1),
                new Statement("SELECT a\n  FROM t", 3, 3),
                new Statement("SELECT 1", 5, 1)), SqlScript.split(text));
    }

    @Test
    void semicolonsInLiteralsIdentifiersAndCommentsDoNotEndAStatement() {
        String text = "-- a comment; not a statement\n"
                + "SELECT 'a;b', 'it''s; fine', \"x;y\", `p;q` /* c; d */ FROM t -- trailing; comment\n"
                + ";\n"
                + "/* only\n a comment; */\n"
                + "SELECT 2;";
        List<Statement> statements = SqlScript.split(text);
        assertEquals(2, statements.size());
        assertEquals("SELECT 'a;b', 'it''s; fine', \"x;y\", `p;q` /* c; d */ FROM t -- trailing; comment", statements.get(0).sql());
        assertEquals(2, statements.get(0).line());
        assertEquals(new Statement("SELECT 2", 6, 1), statements.get(1));
    }

    @Test
    void aStatementSetIsOneStatement() {
        String text = "EXECUTE STATEMENT SET\nBEGIN\n  INSERT INTO a SELECT * FROM s;\n  INSERT INTO b SELECT * FROM s;\nEND;\nSELECT 1;";
        List<Statement> statements = SqlScript.split(text);
        assertEquals(2, statements.size());
        assertEquals("EXECUTE STATEMENT SET\nBEGIN\n  INSERT INTO a SELECT * FROM s;\n  INSERT INTO b SELECT * FROM s;\nEND",
                statements.get(0).sql());
        assertEquals("EXECUTE", statements.get(0).keyword());
        assertEquals(new Statement("SELECT 1", 6, 1), statements.get(1));
    }

    @Test
    void blankTextAndStraySemicolonsAreNoStatements() {
        assertEquals(List.of(), SqlScript.split(""));
        assertEquals(List.of(), SqlScript.split("  ;\n ; -- nothing\n/* */"));
        assertEquals(List.of(new Statement("SELECT 1", 2, 2)), SqlScript.split(";\n SELECT 1;;"));
    }

    @Test
    void positionedTextPutsTheFirstTokenAtItsLineAndColumn() {
        Statement s = SqlScript.split("\n\n   SELECT x FROM t;").get(0);
        assertEquals("\n\n   SELECT x FROM t", s.positioned());
        assertEquals("SELECT", s.keyword());
        assertEquals("", new Statement("(SELECT 1)", 1, 1).keyword());
    }
}
