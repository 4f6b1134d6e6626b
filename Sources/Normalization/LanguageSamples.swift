/// Training text for the character n-gram language profiles, written for this project in a news register.
/// Profiles are built from these at first use (see `LanguageIdentifier`); the test sentences are different.
enum LanguageSamples {
    static let texts: [(String, String)] = [
        ("en", """
        The government said on Tuesday that it would raise spending on schools and hospitals next year, after months of pressure \
        from opposition parties and trade unions. The finance minister told reporters that the economy had grown faster than \
        expected in the first quarter, but warned that prices were still rising and that the central bank could keep interest \
        rates high for longer. Officials in the capital said the new budget would be presented to parliament in the spring. \
        Police arrested three people after a fire broke out at a warehouse near the port, where firefighters worked through the \
        night to stop the flames from reaching a nearby chemical plant. Witnesses said they heard several loud explosions. \
        The company, which employs about two thousand workers, reported a sharp fall in profits and said it would cut jobs \
        at its factories in the north of the country. Shares in the group dropped by almost ten percent in early trading. \
        The president spoke by telephone with his counterpart and both leaders agreed to hold talks on trade, security and \
        climate change later this month. "We have a lot of work to do, and we want to do it together," he said in a statement. \
        Heavy rain caused floods in several villages, forcing thousands of families to leave their homes. The weather service \
        said more storms were expected over the weekend. The team won the match with a late goal and will play in the final \
        against the champions, who have not lost a game this season. It was the first time in twenty years that the club had \
        reached the final of the cup. Scientists have found that the disease spreads more quickly among children than among \
        adults, according to a study published this week. What happens next will depend on how many people get vaccinated. \
        Net profit for the year to March rose to 4.2 billion, up from 3.1 billion, while sales fell slightly. Operating \
        profit was higher than analysts had forecast. The results include a one-off gain from the sale of a unit. \
        Earnings per share were 12 cents versus 9 cents a year earlier, and the board proposed a higher dividend. \
        Results of games played on Saturday: the home team won by two goals, with the winning goal scored in the second half. \
        The standings show the leaders three points clear with four games left to play. Shares closed up at their highest \
        level this month, while bond yields were little changed and the dollar eased against the yen.
        """),
        ("fr", """
        Le gouvernement a annoncé mardi qu'il allait augmenter les dépenses consacrées aux écoles et aux hôpitaux l'année \
        prochaine, après des mois de pression de la part des partis d'opposition et des syndicats. Le ministre des Finances a \
        déclaré aux journalistes que l'économie avait progressé plus vite que prévu au premier trimestre, mais il a averti que \
        les prix continuaient d'augmenter et que la banque centrale pourrait maintenir des taux d'intérêt élevés. La police a \
        arrêté trois personnes après un incendie dans un entrepôt près du port, où les pompiers ont travaillé toute la nuit pour \
        empêcher les flammes d'atteindre une usine chimique voisine. Des témoins ont dit avoir entendu plusieurs explosions. \
        L'entreprise, qui emploie environ deux mille salariés, a publié une forte baisse de ses bénéfices et a indiqué qu'elle \
        allait supprimer des emplois dans ses usines du nord du pays. L'action du groupe a chuté de près de dix pour cent. \
        Le président s'est entretenu par téléphone avec son homologue et les deux dirigeants sont convenus de tenir des \
        discussions sur le commerce, la sécurité et le climat à la fin du mois. « Nous avons beaucoup de travail et nous voulons \
        le faire ensemble », a-t-il déclaré dans un communiqué. De fortes pluies ont provoqué des inondations dans plusieurs \
        villages, obligeant des milliers de familles à quitter leur maison. Les services météorologiques prévoient d'autres \
        orages ce week-end. L'équipe a remporté le match grâce à un but tardif et jouera la finale contre les champions, qui \
        n'ont perdu aucune rencontre cette saison. Selon une étude publiée cette semaine, la maladie se propage plus rapidement \
        chez les enfants que chez les adultes. La suite dépendra du nombre de personnes qui se feront vacciner.
        """),
        ("de", """
        Die Regierung hat am Dienstag angekündigt, im nächsten Jahr mehr Geld für Schulen und Krankenhäuser auszugeben, nachdem \
        Oppositionsparteien und Gewerkschaften monatelang Druck gemacht hatten. Der Finanzminister sagte vor Journalisten, die \
        Wirtschaft sei im ersten Quartal schneller gewachsen als erwartet, warnte aber, dass die Preise weiter steigen und die \
        Zentralbank die Zinsen länger hoch halten könnte. Die Polizei nahm drei Personen fest, nachdem in einer Lagerhalle in der \
        Nähe des Hafens ein Feuer ausgebrochen war. Die Feuerwehr arbeitete die ganze Nacht, um zu verhindern, dass die Flammen \
        eine benachbarte Chemiefabrik erreichten. Zeugen berichteten, sie hätten mehrere laute Explosionen gehört. Das \
        Unternehmen, das etwa zweitausend Mitarbeiter beschäftigt, meldete einen starken Gewinnrückgang und kündigte an, in \
        seinen Werken im Norden des Landes Stellen zu streichen. Die Aktie des Konzerns fiel im frühen Handel um fast zehn \
        Prozent. Der Präsident telefonierte mit seinem Amtskollegen, und beide vereinbarten Gespräche über Handel, Sicherheit \
        und Klimaschutz noch in diesem Monat. „Wir haben viel Arbeit vor uns, und wir wollen sie gemeinsam erledigen“, sagte er \
        in einer Erklärung. Starker Regen verursachte Überschwemmungen in mehreren Dörfern, Tausende Familien mussten ihre \
        Häuser verlassen. Der Wetterdienst erwartet am Wochenende weitere Unwetter. Die Mannschaft gewann das Spiel durch ein \
        spätes Tor und trifft im Finale auf den Meister, der in dieser Saison noch kein Spiel verloren hat. Nach einer in dieser \
        Woche veröffentlichten Studie verbreitet sich die Krankheit bei Kindern schneller als bei Erwachsenen. Wie es weitergeht, \
        hängt davon ab, wie viele Menschen sich impfen lassen.
        """),
        ("es", """
        El Gobierno anunció el martes que aumentará el gasto en escuelas y hospitales el próximo año, tras meses de presión por \
        parte de los partidos de la oposición y de los sindicatos. El ministro de Hacienda dijo a los periodistas que la \
        economía había crecido más rápido de lo esperado en el primer trimestre, pero advirtió de que los precios seguían \
        subiendo y de que el banco central podría mantener los tipos de interés altos durante más tiempo. La policía detuvo a \
        tres personas después de que se declarara un incendio en un almacén cerca del puerto, donde los bomberos trabajaron \
        durante toda la noche para evitar que las llamas alcanzaran una planta química cercana. Los testigos dijeron que \
        escucharon varias explosiones. La empresa, que emplea a unos dos mil trabajadores, registró una fuerte caída de sus \
        beneficios y afirmó que recortará empleos en sus fábricas del norte del país. Las acciones del grupo cayeron casi un \
        diez por ciento. El presidente habló por teléfono con su homólogo y ambos líderes acordaron celebrar conversaciones \
        sobre comercio, seguridad y cambio climático a finales de este mes. «Tenemos mucho trabajo por delante y queremos \
        hacerlo juntos», dijo en un comunicado. Las fuertes lluvias provocaron inundaciones en varios pueblos y obligaron a miles \
        de familias a abandonar sus casas. El servicio meteorológico espera más tormentas durante el fin de semana. El equipo \
        ganó el partido con un gol en los últimos minutos y jugará la final contra los campeones, que no han perdido ningún \
        partido esta temporada. Según un estudio publicado esta semana, la enfermedad se propaga más rápidamente entre los niños \
        que entre los adultos. Lo que ocurra ahora dependerá de cuántas personas se vacunen.
        """),
        ("it", """
        Il governo ha annunciato martedì che il prossimo anno aumenterà la spesa per le scuole e gli ospedali, dopo mesi di \
        pressioni da parte dei partiti di opposizione e dei sindacati. Il ministro dell'Economia ha detto ai giornalisti che \
        l'economia è cresciuta più del previsto nel primo trimestre, ma ha avvertito che i prezzi continuano a salire e che la \
        banca centrale potrebbe mantenere alti i tassi di interesse ancora a lungo. La polizia ha arrestato tre persone dopo \
        che un incendio è scoppiato in un magazzino vicino al porto, dove i vigili del fuoco hanno lavorato per tutta la notte \
        per impedire che le fiamme raggiungessero un vicino impianto chimico. Alcuni testimoni hanno riferito di aver sentito \
        diverse esplosioni. L'azienda, che impiega circa duemila lavoratori, ha registrato un forte calo degli utili e ha detto \
        che taglierà posti di lavoro nelle sue fabbriche nel nord del paese. Le azioni del gruppo sono scese di quasi il dieci \
        per cento. Il presidente ha parlato al telefono con il suo omologo e i due leader hanno concordato di tenere colloqui \
        sul commercio, sulla sicurezza e sui cambiamenti climatici entro la fine del mese. «Abbiamo molto lavoro da fare e \
        vogliamo farlo insieme», ha dichiarato in una nota. Le forti piogge hanno causato allagamenti in diversi paesi, \
        costringendo migliaia di famiglie a lasciare le loro case. Il servizio meteorologico prevede altri temporali nel fine \
        settimana. La squadra ha vinto la partita con un gol nel finale e giocherà la finale contro i campioni, che non hanno \
        perso nessuna partita in questa stagione. Secondo uno studio pubblicato questa settimana, la malattia si diffonde più \
        rapidamente tra i bambini che tra gli adulti. Quello che accadrà dipenderà da quante persone si vaccineranno.
        """),
        ("pt", """
        O governo anunciou na terça-feira que vai aumentar os gastos com escolas e hospitais no próximo ano, depois de meses de \
        pressão dos partidos da oposição e dos sindicatos. O ministro das Finanças disse aos jornalistas que a economia cresceu \
        mais do que o esperado no primeiro trimestre, mas alertou que os preços continuam a subir e que o banco central poderá \
        manter as taxas de juro elevadas durante mais tempo. A polícia prendeu três pessoas depois de um incêndio num armazém \
        perto do porto, onde os bombeiros trabalharam durante toda a noite para impedir que as chamas chegassem a uma fábrica \
        química vizinha. Testemunhas disseram ter ouvido várias explosões. A empresa, que emprega cerca de dois mil \
        trabalhadores, registou uma forte queda dos lucros e afirmou que vai cortar postos de trabalho nas suas fábricas no \
        norte do país. As ações do grupo caíram quase dez por cento. O presidente falou por telefone com o seu homólogo e os \
        dois líderes concordaram em realizar conversações sobre comércio, segurança e alterações climáticas até ao final do \
        mês. «Temos muito trabalho pela frente e queremos fazê-lo juntos», disse num comunicado. As chuvas fortes provocaram \
        inundações em várias aldeias e obrigaram milhares de famílias a deixar as suas casas. O serviço de meteorologia prevê \
        mais tempestades durante o fim de semana. A equipa venceu o jogo com um golo no final e vai disputar a final contra os \
        campeões, que não perderam nenhum jogo nesta temporada. Segundo um estudo publicado esta semana, a doença propaga-se \
        mais depressa entre as crianças do que entre os adultos. O que acontecerá a seguir depende de quantas pessoas forem \
        vacinadas. Não há ainda uma decisão sobre a população, mas as autoridades são otimistas.
        """),
        ("nl", """
        De regering heeft dinsdag aangekondigd dat ze volgend jaar meer geld gaat uitgeven aan scholen en ziekenhuizen, na \
        maanden van druk door oppositiepartijen en vakbonden. De minister van Financiën zei tegen journalisten dat de economie \
        in het eerste kwartaal sneller was gegroeid dan verwacht, maar waarschuwde dat de prijzen nog steeds stijgen en dat de \
        centrale bank de rente langer hoog zou kunnen houden. De politie heeft drie mensen aangehouden nadat er brand was \
        uitgebroken in een loods bij de haven, waar de brandweer de hele nacht werkte om te voorkomen dat de vlammen een \
        nabijgelegen chemische fabriek zouden bereiken. Getuigen zeiden dat ze meerdere harde explosies hadden gehoord. Het \
        bedrijf, dat ongeveer tweeduizend werknemers in dienst heeft, meldde een sterke daling van de winst en zei dat het banen \
        gaat schrappen in zijn fabrieken in het noorden van het land. Het aandeel van het concern daalde met bijna tien procent. \
        De president sprak telefonisch met zijn ambtgenoot en beide leiders spraken af om nog deze maand gesprekken te voeren \
        over handel, veiligheid en klimaatverandering. "We hebben veel werk te doen en dat willen we samen doen," zei hij in een \
        verklaring. Door de zware regen kwamen verschillende dorpen onder water te staan en moesten duizenden gezinnen hun huis \
        verlaten. Het weerinstituut verwacht in het weekend meer onweer. De ploeg won de wedstrijd met een late goal en speelt \
        in de finale tegen de kampioen, die dit seizoen nog geen enkele wedstrijd heeft verloren. Volgens een deze week \
        gepubliceerd onderzoek verspreidt de ziekte zich sneller onder kinderen dan onder volwassenen. Wat er nu gebeurt, hangt \
        af van hoeveel mensen zich laten vaccineren.
        """),
        ("tr", """
        Hükümet salı günü yaptığı açıklamada, muhalefet partileri ve sendikaların aylardır süren baskısının ardından gelecek yıl \
        okullar ve hastaneler için yapılan harcamaları artıracağını duyurdu. Maliye bakanı gazetecilere yaptığı açıklamada \
        ekonominin ilk çeyrekte beklenenden daha hızlı büyüdüğünü söyledi, ancak fiyatların hâlâ yükseldiği ve merkez bankasının \
        faiz oranlarını daha uzun süre yüksek tutabileceği konusunda uyardı. Polis, limanın yakınındaki bir depoda çıkan \
        yangının ardından üç kişiyi gözaltına aldı. İtfaiye ekipleri alevlerin yakındaki bir kimya fabrikasına ulaşmasını \
        önlemek için bütün gece çalıştı. Görgü tanıkları birkaç büyük patlama sesi duyduklarını söyledi. Yaklaşık iki bin kişiyi \
        istihdam eden şirket, kârında sert bir düşüş olduğunu açıkladı ve ülkenin kuzeyindeki fabrikalarında işten çıkarmalar \
        yapacağını bildirdi. Grubun hisseleri erken işlemlerde yüzde on kadar değer kaybetti. Cumhurbaşkanı mevkidaşıyla \
        telefonda görüştü ve iki lider bu ay içinde ticaret, güvenlik ve iklim değişikliği konularında görüşmeler yapma \
        konusunda anlaştı. "Önümüzde çok iş var ve bunu birlikte yapmak istiyoruz" dedi. Şiddetli yağışlar birçok köyde sele yol \
        açtı ve binlerce aile evlerini terk etmek zorunda kaldı. Meteoroloji hafta sonu yeni fırtınalar bekleniyor dedi. Takım \
        maçı son dakikalarda attığı golle kazandı ve finalde bu sezon hiç maç kaybetmeyen şampiyonla karşılaşacak. Bu hafta \
        yayımlanan bir araştırmaya göre hastalık çocuklar arasında yetişkinlere göre daha hızlı yayılıyor. Bundan sonra ne \
        olacağı, kaç kişinin aşı olacağına bağlı.
        """),
        ("ru", """
        Правительство во вторник объявило, что в следующем году увеличит расходы на школы и больницы после нескольких месяцев \
        давления со стороны оппозиционных партий и профсоюзов. Министр финансов сообщил журналистам, что экономика в первом \
        квартале росла быстрее, чем ожидалось, но предупредил, что цены продолжают расти. Полиция задержала трёх человек после \
        пожара на складе недалеко от порта, где пожарные всю ночь не давали огню добраться до химического завода. Свидетели \
        рассказали, что слышали несколько громких взрывов. Компания, в которой работают около двух тысяч человек, сообщила о \
        резком падении прибыли и заявила, что сократит рабочие места на заводах на севере страны. Президент провёл телефонный \
        разговор со своим коллегой, и оба лидера договорились провести переговоры о торговле и безопасности.
        """),
        ("ar", """
        أعلنت الحكومة يوم الثلاثاء أنها ستزيد الإنفاق على المدارس والمستشفيات في العام المقبل بعد أشهر من الضغط من أحزاب \
        المعارضة والنقابات. وقال وزير المالية للصحفيين إن الاقتصاد نما بوتيرة أسرع من المتوقع في الربع الأول، لكنه حذر من أن \
        الأسعار لا تزال ترتفع. واعتقلت الشرطة ثلاثة أشخاص بعد اندلاع حريق في مستودع قرب الميناء، حيث عمل رجال الإطفاء طوال \
        الليل لمنع وصول النيران إلى مصنع كيميائي قريب. وقال شهود إنهم سمعوا عدة انفجارات قوية. وأجرى الرئيس اتصالا هاتفيا \
        مع نظيره واتفق الزعيمان على إجراء محادثات بشأن التجارة والأمن وتغير المناخ في وقت لاحق من هذا الشهر.
        """),
        ("zh", """
        政府周二宣布，明年将增加对学校和医院的投入，此前反对党和工会施压了数月。财政部长对记者表示，第一季度经济增长快于预期，\
        但警告物价仍在上涨，央行可能会在更长时间内维持高利率。港口附近一座仓库发生火灾后，警方逮捕了三人，消防员彻夜工作，\
        防止火势蔓延到附近的一家化工厂。目击者说，他们听到了几声巨大的爆炸声。这家雇用约两千名员工的公司报告利润大幅下降，\
        并表示将在该国北部的工厂裁员。总统与对方通了电话，两国领导人同意在本月晚些时候就贸易、安全和气候变化问题举行会谈。
        """),
    ]
}
