package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.shell.internal.ControlPlaneCommandsTest.line;
import static org.openevb.shell.internal.ControlPlaneCommandsTest.print;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.api.policy.AclRuleView;
import org.openevb.api.policy.AclStatus;
import org.openevb.api.policy.AclView;

/** acl-show's table and its --json are two renderings of one view, with the same counters. */
class AclCommandsTest {

    static final AclView WEB = new AclView("web", AclStatus.ERROR,
            "file etc/org.openevb.acl-web.cfg is invalid (rule.40: 'permit tcp dst-port 8o' is not a rule: '8o' is not "
                    + "a number or a range LOW-HIGH): running the last good configuration", "deny", 7,
            List.of(new AclRuleView(10, "permit", "permit arp", 4), new AclRuleView(20, "permit", "permit tcp dst-port 80", 12),
                    new AclRuleView(30, "count", "count tcp dst-port 22", 3)));

    @Test
    void aclShowIsTheReadmesExample() throws java.io.IOException {
        AclView web = new AclView("web", AclStatus.ACTIVE, "", "deny", 3, List.of(
                new AclRuleView(10, "permit", "permit arp", 1), new AclRuleView(20, "permit", "permit tcp dst-port 80", 5),
                new AclRuleView(30, "count", "count tcp dst-port 22", 3)));
        String shown = print(out -> AclShowCommand.print(out, web, false));
        assertTrue(ViewCommandsTest.readme().contains("karaf@root()> evb:acl-show web\n" + shown + "```"),
                "the README's acl-show is what the command prints now:\n" + shown);
    }

    @Test
    void tableAndJsonShowTheSameCounters() {
        JsonObject j = JsonParser.parseString(Json.toJson(WEB)).getAsJsonObject();
        assertEquals("ERROR", j.get("status").getAsString());
        assertEquals("deny", j.get("defaultAction").getAsString());
        assertEquals(7, j.get("defaultFrames").getAsLong());
        JsonObject rule20 = j.getAsJsonArray("rules").get(1).getAsJsonObject();
        assertEquals(20, rule20.get("id").getAsInt());
        assertEquals("permit tcp dst-port 80", rule20.get("rule").getAsString());
        assertEquals(12, rule20.get("frames").getAsLong());

        String shown = print(out -> AclShowCommand.print(out, WEB, false));
        assertTrue(shown.startsWith("ACL web  ERROR - file etc/org.openevb.acl-web.cfg is invalid (rule.40:"), shown);
        assertTrue(line(shown, "20").matches(" *20 \\| permit +\\| tcp dst-port 80 +\\| +12 *"), shown);
        assertTrue(line(shown, "10").matches(" *10 \\| permit +\\| arp +\\| +4 *"), shown);
        assertTrue(line(shown, "default").matches("default \\| deny +\\| +\\| +7 *"), shown);
    }
}
