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

    /**
     * Thrown inside the walk when a link is met again, with the loop's links, or past {@link #MAX_LINKS}, with
     * every link followed ({@code chain}: no link came twice, the system gives up all the same).
     */
    private static final class Found extends Exception {
        final List<Hop> loop;
        final boolean chain;

        Found(List<Hop> loop, boolean chain) {
            super(null, null, false, false);
            this.loop = loop;
            this.chain = chain;
        }
    }

    /**
     * Why {@code path} cannot be reached, when it runs into a loop of symbolic links: "a loop of symbolic links
     * (loop1 -> loop2 -> loop1)", the first link named as in {@code path} where it is one of its names; or into a
     * chain of more links than the system follows, none met twice, which is named as such and not as a loop: "a
     * chain of more than 40 symbolic links (c0 -> c1 -> ...)"; else null (neither, or a name missing or
     * unreadable before one).
     */
    public static String reason(Path path) {
        Found found = loop(path);
        if (found == null) {
            return null;
        }
        StringBuilder chain = new StringBuilder(shown(path, found.loop.get(0).link()));
        found.loop.forEach(hop -> chain.append(" -> ").append(hop.target()));
        return (found.chain ? "a chain of more than " + MAX_LINKS + " symbolic links, more than the system follows ("
                : "a loop of symbolic links (") + chain + ")";
    }

    /** The loop {@code path} runs into, from the first link met again, or its chain too long; null for neither. */
    private static Found loop(Path path) {
        List<Hop> hops = new ArrayList<>();
        try {
            walk(path.toAbsolutePath(), hops);
            return null;
        } catch (Found found) {
            return found;
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
                        throw new Found(List.copyOf(hops.subList(i, hops.size())), false);
                    }
                }
                Path target = Files.readSymbolicLink(next);
                hops.add(new Hop(next, target.toString()));
                if (hops.size() > MAX_LINKS) {
                    throw new Found(List.copyOf(hops), true);
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
