/** The Jupyter kernel: runs Java cells in JShell, in this JVM, and shows what they return. */
package org.jtrain.kernel;
