/**
 * The magic framework and the magics: each magic is one picocli command class whose declaration
 * gives its parser, its help, its tab completion and its row in the README.
 */
package org.jtrain.magics;
