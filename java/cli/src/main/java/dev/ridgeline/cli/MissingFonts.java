package dev.ridgeline.cli;

/**
 * The plots draw text, and Java draws text with the machine's fonts. On a host with none (a slim container
 * image, a server with fontconfig but no font package) the JDK's font manager fails to start with an Error
 * (InternalError "Fontconfig head is null", an UnsatisfiedLinkError for libfreetype, and afterwards
 * NoClassDefFoundError for the manager), not an exception: it had passed every handler and ended {@code train},
 * {@code tune} and {@code explain --plots} with a 40-line stack trace and exit 1, "internal error".
 */
final class MissingFonts {
    private MissingFonts() {
    }

    /** The one-line error for {@code e} when it is the font manager's failure, else null. */
    static String message(Throwable e) {
        String cause = null;
        boolean fonts = false;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !(t instanceof java.lang.reflect.InvocationTargetException)) {
                cause = t.getMessage();
            }
            fonts |= (t.getMessage() != null && t.getMessage().contains("Fontconfig")) || fromFontManager(t);
        }
        if (!fonts) {
            return null;
        }
        return "cannot draw the plots: Java finds no usable font on this machine" + (cause == null ? "" : " (" + cause
                + ")") + "; install fonts (on Debian or Ubuntu: apt-get install fontconfig fonts-dejavu-core; on"
                + " Alpine: apk add fontconfig ttf-dejavu), or leave the plots out (train and tune: --no-plots; explain:"
                + " without --plots)";
    }

    /** Whether {@code t} was thrown while the JDK set up or loaded its font manager. */
    private static boolean fromFontManager(Throwable t) {
        if (t instanceof NoClassDefFoundError && t.getMessage() != null && t.getMessage().contains("FontManager")) {
            return true;
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            String c = frame.getClassName();
            if (c.equals("sun.font.FontManagerFactory") || c.equals("sun.font.FontManagerNativeLibrary")
                    || c.equals("sun.awt.FontConfiguration")) {
                return true;
            }
        }
        return false;
    }
}
