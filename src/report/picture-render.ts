import { Resvg } from '@resvg/resvg-js';
import { PICTURE_FONT_FAMILY, pictureFontFiles } from './picture-font';
import { PICTURE_WIDTH } from './picture-svg';

/**
 * An SVG of the model as PNG. Only the fonts shipped in assets/fonts are loaded, never the
 * machine's, so the picture is the same on a laptop, in CI and on Azure.
 */
export function renderPicturePng(svg: string, width = PICTURE_WIDTH): Buffer {
  const resvg = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: pictureFontFiles(),
      defaultFontFamily: PICTURE_FONT_FAMILY,
      sansSerifFamily: PICTURE_FONT_FAMILY,
    },
    fitTo: { mode: 'width', value: width },
    background: '#FFFFFF',
  });
  return resvg.render().asPng();
}
