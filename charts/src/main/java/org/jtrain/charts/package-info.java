/**
 * Charts: a {@link org.jtrain.charts.Figure} of typed traces that becomes Plotly JSON for JupyterLab and a PNG
 * for everything that runs no JavaScript (GitHub, nbviewer, nbconvert).
 */
package org.jtrain.charts;
