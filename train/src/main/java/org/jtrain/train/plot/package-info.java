/** The charts of {@code %plot}: learning curves, feature importance, distributions and scatter plots. */
package org.jtrain.train.plot;
