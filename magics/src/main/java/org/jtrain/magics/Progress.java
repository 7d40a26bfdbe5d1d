package org.jtrain.magics;

/**
 * A progress bar as it is shown: a share done and a status line. Rendered as an HTML progress element in JupyterLab and
 * as {@code [######........] status} everywhere else.
 */
record Progress(double done, String status) {

    private static final int WIDTH = 30;

    String text() {
        int filled = (int) Math.round(Math.max(0, Math.min(1, done)) * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + status;
    }

    String html() {
        return String.format("<div><progress value=\"%.4f\" max=\"1\" style=\"width:30em\"></progress> "
                + "<span style=\"font-family:monospace\">%s</span></div>", done, status.replace("&", "&amp;").replace("<", "&lt;"));
    }
}
