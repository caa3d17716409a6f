package dev.ridgeline.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Names a path that runs into a loop of symbolic links ({@code loop1 -> loop2 -> loop1}), which the system
 * reports as "too many levels of symbolic links" (ELOOP), a reason the JDK widens to "or unable to access
 * attributes of symbolic link", and which a check for a link to a missing place took for one: {@code --out
 * loop1} had been called a link to loop2, "which does not exist", though loop2 exists, as a link.
 *
 * <p>The path is resolved by hand, one name at a time, as the kernel does: a link's target is resolved against
 * the real folder that holds the link, so that a loop is found as a link met twice, and a chain of more than 40
 * links (Linux's limit) counts as one too.
 */
public final class LinkLoop {
    private static final int MAX_LINKS = 40;

    private LinkLoop() {
    }

    /** One link followed: where it is (its folder real) and the target it holds, as written. */
    private record Hop(Path link, String target) {
    }

    /** Thrown inside the walk when a link is met again, or past {@link #MAX_LINKS}, with the loop's links. */
    private static final class Found extends Exception {
        final List<Hop> loop;

        Found(List<Hop> loop) {
            super(null, null, false, false);
            this.loop = loop;
        }
    }

    /**
     * Why {@code path} cannot be reached, when it runs into a loop of symbolic links: "a loop of symbolic links
     * (loop1 -> loop2 -> loop1)", the first link named as in {@code path} where it is one of its names; else null
     * (no loop, or a name missing or unreadable before one).
     */
    public static String reason(Path path) {
        List<Hop> loop = loop(path);
        if (loop == null) {
            return null;
        }
        StringBuilder chain = new StringBuilder(shown(path, loop.get(0).link()));
        loop.forEach(hop -> chain.append(" -> ").append(hop.target()));
        return "a loop of symbolic links (" + chain + ")";
    }

    /** The links of the loop {@code path} runs into, from the first met again; null when it runs into none. */
    private static List<Hop> loop(Path path) {
        List<Hop> hops = new ArrayList<>();
        try {
            walk(path.toAbsolutePath(), hops);
            return null;
        } catch (Found found) {
            return found.loop;
        } catch (IOException | RuntimeException e) {
            return null;  // unreadable or not a path: whatever failed is the caller's message, not a loop
        }
    }

    /**
     * The real path of {@code absolute}, its links followed (each recorded in {@code hops}), or null once a name in
     * it does not exist. Shape: one step per name, one nested walk per link's target.
     */
    private static Path walk(Path absolute, List<Hop> hops) throws IOException, Found {
        Path at = absolute.getRoot();
        for (Path name : absolute) {
            String n = name.toString();
            if (n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                at = at.getParent() == null ? at : at.getParent();  // "at" holds no link: its parent is the real one
                continue;
            }
            Path next = at.resolve(name);
            if (Files.isSymbolicLink(next)) {
                for (int i = 0; i < hops.size(); i++) {
                    if (hops.get(i).link().equals(next)) {
                        throw new Found(List.copyOf(hops.subList(i, hops.size())));
                    }
                }
                Path target = Files.readSymbolicLink(next);
                hops.add(new Hop(next, target.toString()));
                if (hops.size() > MAX_LINKS) {
                    throw new Found(List.copyOf(hops));
                }
                next = walk(target.isAbsolute() ? target : at.resolve(target), hops);
                if (next == null) {
                    return null;
                }
            } else if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            at = next;
        }
        return at;
    }

    /** {@code link} as {@code given} names it (given "loop1/x", the link loop1 is "loop1"), else its absolute path. */
    private static String shown(Path given, Path link) {
        Path absolute = given.toAbsolutePath();
        for (Path p = given, a = absolute; p != null && a != null; p = p.getParent(), a = a.getParent()) {
            if (a.equals(link)) {
                return p.toString();
            }
        }
        return link.toString();
    }
}
