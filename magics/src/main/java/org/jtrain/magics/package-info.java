/**
 * The magics, a kernel extension: each magic is one picocli command class whose declaration gives its parser, its
 * help (ending with its Java equivalent), its tab completion and its row in the README. A magic parses its arguments,
 * calls the library ({@code org.jtrain.data}, {@code org.jtrain.train}) once and shows the result; the display glue
 * beside the magics ({@link org.jtrain.magics.Show}, {@link org.jtrain.magics.ProgressBar}, the renderers) is the one
 * path by which results reach the notebook.
 */
package org.jtrain.magics;
