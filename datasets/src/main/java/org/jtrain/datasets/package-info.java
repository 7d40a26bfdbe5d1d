/** Bundled, openly licensed datasets, loadable by name from the classpath: no downloads at run time. */
package org.jtrain.datasets;
